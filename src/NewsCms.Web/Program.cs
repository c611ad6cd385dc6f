using NewsCms.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = WebRoot.Locate(args),
});

builder.AddNewsCmsData();
builder.AddNewsCmsServices();
builder.AddNewsCmsWeb();
builder.AddNewsCmsAdmin();

var app = builder.Build();

await app.PrepareDatabaseAsync();
await app.PrepareAdminAsync();
app.UseNewsCms();
app.UseNewsCmsAdmin();
app.MapNewsCmsRoutes();
await app.RunAsync();
return 0;

public partial class Program;
