// Usage: PlainPage --db FILE --urls http://127.0.0.1:PORT; GET /article/{slug} shows that article.
using Microsoft.EntityFrameworkCore;
using PlainPage;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddRazorPages();
var db = Path.GetFullPath(builder.Configuration["db"] ?? throw new ArgumentException("--db FILE is required"));
builder.Services.AddDbContext<PlainDb>(o => o.UseSqlite($"Data Source={db}"));

var app = builder.Build();
app.MapRazorPages();
app.Run();
