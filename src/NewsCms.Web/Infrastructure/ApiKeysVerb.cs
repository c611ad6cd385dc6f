using NewsCms.Api;
using NewsCms.Common;

namespace NewsCms.Web.Infrastructure;

// dotnet NewsCms.Web.dll api-keys create --name NAME --scope read|write
// The key is printed alone on the last line, so scripts can take it with `tail -n 1`.
public static class ApiKeysVerb
{
    public const string Usage = "usage: api-keys create --name NAME --scope read|write";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != "create")
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }
        string? name = null, scopeText = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--name" when i + 1 < args.Length: name = args[++i]; break;
                case "--scope" when i + 1 < args.Length: scopeText = args[++i]; break;
                default:
                    await output.WriteLineAsync($"Unknown argument \"{args[i]}\".");
                    await output.WriteLineAsync(Usage);
                    return 2;
            }
        }
        if (scopeText is not ("read" or "write"))
        {
            await output.WriteLineAsync("--scope must be read or write.");
            await output.WriteLineAsync(Usage);
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        try
        {
            var created = await keys.CreateAsync(name, scopeText == "write" ? ApiKeyScope.Write : ApiKeyScope.Read,
                new Actor("command line", null, Accounts.Roles.Admin), CancellationToken.None);
            await output.WriteLineAsync($"Created API key \"{created.Key.Name}\" ({scopeText}), id {created.Key.Id}, prefix {created.Key.Prefix}.");
            await output.WriteLineAsync("It is shown only now; store it safely:");
            await output.WriteLineAsync(created.PlainKey);
            return 0;
        }
        catch (ValidationFailedException e)
        {
            foreach (var message in e.Errors.SelectMany(x => x.Value))
                await output.WriteLineAsync(message);
            return 2;
        }
    }
}

// Registers `api-keys create ...` with the command line; the arguments after "api-keys" go to ApiKeysVerb.
public sealed class ApiKeysCommand : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["api-keys"];

    public string Usage => "api-keys create --name NAME --scope read|write   create an API key (printed alone on the last line)";

    public Task<int> RunAsync(VerbContext context, CancellationToken ct) =>
        ApiKeysVerb.RunAsync(context.Services, context.Arguments.ToArray(), context.Output);
}
