// Usage: Baseline --mode static|bytes --html FILE --urls http://127.0.0.1:PORT
// Both modes answer GET /article with the same bytes; only how Kestrel finds them differs.
using Microsoft.Extensions.FileProviders;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

var mode = app.Configuration["mode"] ?? "bytes";
var html = Path.GetFullPath(app.Configuration["html"] ?? throw new ArgumentException("--html FILE is required"));

if (mode == "static")
{
    // The file is named article.html on disk; /article maps to it, as a site would map a route.
    var name = "/" + Path.GetFileName(html);
    app.Use((context, next) =>
    {
        if (context.Request.Path == "/article") context.Request.Path = name;
        return next(context);
    });
    app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(html)!) });
}
else
{
    var bytes = File.ReadAllBytes(html);
    app.MapGet("/article", () => Results.Bytes(bytes, "text/html; charset=utf-8"));
}

app.Run();
