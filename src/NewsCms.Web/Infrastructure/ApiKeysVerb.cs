using System.Globalization;
using NewsCms.Accounts;
using NewsCms.ApiKeys;
using NewsCms.Common;

namespace NewsCms.Web.Infrastructure;

// `api-keys create --name NAME --scope read|write`: the key is printed alone on the last line,
// so a script can take it with `tail -n 1`. It is never shown again.
public sealed class ApiKeysCreateVerb : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["api-keys", "create"];

    public string Usage => "api-keys create --name NAME --scope read|write   create an API key and print it once, on the last line";

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        var options = ApiKeysVerbs.Options(context.Arguments);
        if (options is null || !options.TryGetValue("name", out var name) || !options.TryGetValue("scope", out var scopeText)
            || options.Keys.Any(k => k is not ("name" or "scope")))
            return await ApiKeysVerbs.UsageAsync(context, Usage);
        ApiKeyScope? scope = scopeText.ToLowerInvariant() switch { "read" => ApiKeyScope.Read, "write" => ApiKeyScope.Write, _ => null };
        if (scope is null)
        {
            await context.Error.WriteLineAsync("The scope is read or write.");
            return 1;
        }

        await using var services = context.Services.CreateAsyncScope();
        try
        {
            var created = await services.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(name, scope.Value, ApiKeysVerbs.Operator, ct);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Created API key {created.Key.Id} \"{created.Key.Name}\" ({ApiKeysVerbs.Describe(created.Key.Scope)}). It is shown only now:"));
            await context.Output.WriteLineAsync(created.Secret);
            return 0;
        }
        catch (ValidationFailedException e)
        {
            foreach (var message in e.Errors.SelectMany(x => x.Value)) await context.Error.WriteLineAsync(message);
            return 1;
        }
    }
}

// `api-keys list`: one line per key with its prefix, scope, last use and whether it is revoked.
public sealed class ApiKeysListVerb : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["api-keys", "list"];

    public string Usage => "api-keys list   list API keys (prefix, scope, last use)";

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Arguments.Count > 0) return await ApiKeysVerbs.UsageAsync(context, Usage);
        await using var services = context.Services.CreateAsyncScope();
        var keys = await services.ServiceProvider.GetRequiredService<ApiKeyService>().ListAsync(ApiKeysVerbs.Operator, ct);
        foreach (var k in keys)
        {
            var used = k.LastUsedAt is { } at ? at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never used";
            var state = k.RevokedAt is null ? "" : " REVOKED";
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{k.Id}\t{k.Prefix}...\t{ApiKeysVerbs.Describe(k.Scope)}\t{used}\t{k.Name}{state}"));
        }
        return 0;
    }
}

// `api-keys revoke ID`: the key stops working on its next request.
public sealed class ApiKeysRevokeVerb : ICommandLineVerb
{
    public IReadOnlyList<string> Name { get; } = ["api-keys", "revoke"];

    public string Usage => "api-keys revoke ID   revoke an API key at once";

    public async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Arguments.Count != 1 || !int.TryParse(context.Arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return await ApiKeysVerbs.UsageAsync(context, Usage);
        await using var services = context.Services.CreateAsyncScope();
        try
        {
            var key = await services.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(id, ApiKeysVerbs.Operator, ct);
            await context.Output.WriteLineAsync($"Revoked API key {key.Id} \"{key.Name}\".");
            return 0;
        }
        catch (NotFoundException e)
        {
            await context.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}

internal static class ApiKeysVerbs
{
    // Whoever runs the command line holds the server, so acts as an Admin.
    public static readonly Actor Operator = new("Command line", null, Roles.Admin);

    public static string Describe(ApiKeyScope scope) => scope == ApiKeyScope.Write ? "write" : "read";

    // "--name Newsletter --scope read" -> {name: Newsletter, scope: read}; null when malformed.
    public static Dictionary<string, string>? Options(IReadOnlyList<string> arguments)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i += 2)
        {
            if (!arguments[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= arguments.Count) return null;
            if (!options.TryAdd(arguments[i][2..], arguments[i + 1])) return null;
        }
        return options;
    }

    public static async Task<int> UsageAsync(VerbContext context, string usage)
    {
        await context.Error.WriteLineAsync($"usage: {usage}");
        return 1;
    }
}
