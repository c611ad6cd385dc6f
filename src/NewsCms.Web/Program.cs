using NewsCms.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = CommandLine.HostArguments(args),
    WebRootPath = WebRoot.Locate(args),
});

// A database setting the operator got wrong is one line saying which, not a stack trace.
if (DataSetup.ConfigurationProblem(builder.Configuration) is { } problem)
{
    await Console.Error.WriteLineAsync($"NewsCms cannot start: {problem}");
    return 2;
}
builder.AddNewsCmsData();
builder.AddNewsCmsServices();
builder.AddNewsCmsWeb();
builder.AddNewsCmsReaders();
builder.AddNewsCmsCaching();
builder.AddNewsCmsCommandLine(args);
builder.AddNewsCmsAdmin();
builder.AddNewsCmsApi();
builder.AddNewsCmsWebhooks();
builder.AddNewsCmsMediaSweep();
builder.AddNewsCmsNativeMemoryTrim();
builder.AddNewsCmsRequestLimits();
builder.AddNewsCmsPreparation();

var app = builder.Build();
if (CommandLine.IsVerb(args)) return await CommandLine.RunAsync(app, args);

app.PrepareInBackground(async ct =>
{
    await app.PrepareDatabaseAsync(ct);
    await app.PrepareReadersAsync(ct);
    await app.PrepareAdminAsync(ct);
});
app.UseNewsCms();
app.UseNewsCmsRequestLimits();
app.UseNewsCmsApi();
app.UseNewsCmsAdmin();
app.UseNewsCmsApiReadCache();
app.MapNewsCmsRoutes();
await app.RunAsync();
return 0;

public partial class Program;
