using NewsCms.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = WebRoot.Locate(args),
});

builder.AddNewsCmsData();
builder.AddNewsCmsServices();
builder.AddNewsCmsWeb();
builder.AddNewsCmsReaders();
builder.AddNewsCmsApi();

var app = builder.Build();

await app.PrepareDatabaseAsync();
await app.PrepareReadersAsync();
app.UseNewsCms();
app.UseNewsCmsApi();
app.MapNewsCmsRoutes();
await app.RunAsync();
return 0;

public partial class Program;
