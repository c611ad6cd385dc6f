using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using NewsCms.Common;

namespace NewsCms.Web.Infrastructure;

// A request the API refuses for a reason of its own (a bad cursor, a missing body), not a
// domain rule. Thrown by controllers, answered by ApiExceptionHandler like every other error.
public sealed class ApiRequestException(int status, string detail, IReadOnlyDictionary<string, string[]>? errors = null, string? type = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string? Type { get; } = type;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;
}

// Every API error is an RFC 9457 problem document built here: one stable type per kind of
// failure, a per-field errors map keyed by the JSON names a client sent, never a stack trace.
public static class ApiProblems
{
    public const string TypeBase = "https://newscms.dev/problems/";
    public const string ContentType = "application/problem+json";

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments(ApiSetup.PathPrefix);

    // status -> (type slug, title). Validation and edit conflicts have their own types because
    // clients act on them differently from the plain status.
    private static readonly Dictionary<int, (string Type, string Title)> ByStatus = new()
    {
        [400] = ("bad-request", "The request is malformed."),
        [401] = ("unauthorized", "An API key is required."),
        [403] = ("forbidden", "This API key may not do that."),
        [404] = ("not-found", "There is nothing at this address."),
        [405] = ("method-not-allowed", "This address does not accept that method."),
        [406] = ("not-acceptable", "The API answers in JSON only."),
        [409] = ("conflict", "The request conflicts with the resource's current state."),
        [412] = ("precondition-failed", "The resource changed since the version named in If-Match."),
        [413] = ("payload-too-large", "The request body is too large."),
        [415] = ("unsupported-media-type", "The request body has an unsupported content type."),
        [422] = ("validation", "Some fields are not valid."),
        [429] = ("rate-limited", "Too many requests."),
        [500] = ("server-error", "Something went wrong on our side."),
    };

    public const string ValidationType = TypeBase + "validation";
    public const string EditConflictType = TypeBase + "edit-conflict";
    public const string MalformedJsonType = TypeBase + "malformed-json";
    public const string InvalidParameterType = TypeBase + "invalid-parameter";

    public static ProblemDetails Create(HttpContext context, int status, string? detail = null, string? type = null,
        IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Detail = detail, Type = type, Instance = context.Request.Path };
        Fill(problem, context);
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        return problem;
    }

    // Also run by AddProblemDetails for the problems MVC makes itself (415 from [Consumes]).
    public static void Fill(ProblemDetails problem, HttpContext context)
    {
        var status = problem.Status ?? 500;
        var known = ByStatus.TryGetValue(status, out var k) ? k : (Type: status >= 500 ? "server-error" : "bad-request", Title: "The request failed.");
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal)
            || problem.Type.StartsWith("https://datatracker.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = TypeBase + known.Type;
            problem.Title = known.Title;
        }
        problem.Title ??= known.Title;
        problem.Instance ??= context.Request.Path;
        problem.Extensions["traceId"] = context.TraceIdentifier;
    }

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? 500;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, ApiSetup.Json(context), context.RequestAborted);
    }

    // The service names fields as C# does ("Sections[0].Question", "AuthorIds"); the client sent
    // JSON ("sections[0].question", "authors").
    public static IReadOnlyDictionary<string, string[]> ToJsonNames(IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string>? renames = null)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in errors)
        {
            var name = JsonName(field, renames);
            result[name] = result.TryGetValue(name, out var existing) ? [.. existing, .. messages] : messages;
        }
        return result;
    }

    private static readonly Dictionary<string, string> ArticleFieldRenames = new(StringComparer.Ordinal)
    {
        ["AuthorIds"] = "authors",
        ["PublishAt"] = "at",
    };

    public static string JsonName(string field, IReadOnlyDictionary<string, string>? renames = null)
    {
        renames ??= ArticleFieldRenames;
        var sb = new StringBuilder(field.Length);
        foreach (var part in field.Split('.'))
        {
            if (sb.Length > 0) sb.Append('.');
            var bracket = part.IndexOf('[');
            var name = bracket < 0 ? part : part[..bracket];
            name = renames.TryGetValue(name, out var renamed) ? renamed : JsonNamingPolicy.CamelCase.ConvertName(name);
            sb.Append(name);
            if (bracket >= 0) sb.Append(part, bracket, part.Length - bracket);
        }
        return sb.ToString();
    }

    // [ApiController] calls this when binding failed: bytes that are not JSON are a 400; JSON of
    // the wrong shape (a string for a number, an unknown kind, a number too large) is a 422 on
    // the field; a bad query parameter is a 400 naming it.
    public static IActionResult FromModelState(ActionContext context)
    {
        var http = context.HttpContext;
        var bodyErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parameterErrors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var malformed = false;
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0) continue;
            foreach (var error in entry.Errors)
            {
                var json = FindJsonException(error.Exception);
                if (json is not null && IsSyntaxError(json)) malformed = true;
                else if (json is not null || key.StartsWith('$')) Add(bodyErrors, BodyFieldName(key), WrongValue(key));
                else if (key.Length == 0) malformed = true;
                else Add(parameterErrors, key, string.IsNullOrEmpty(error.ErrorMessage) ? "The value is not valid." : error.ErrorMessage);
            }
        }
        ProblemDetails problem;
        if (malformed)
            problem = Create(http, 400, "The request body is not valid JSON.", MalformedJsonType);
        else if (parameterErrors.Count > 0)
            problem = Create(http, 400, "Some query or path parameters are not valid.", InvalidParameterType, parameterErrors);
        else
            problem = Create(http, 422, "Some fields have a value of the wrong type or out of range.", ValidationType, bodyErrors);
        return new ProblemResult(problem);
    }

    // Written as is: [Produces("application/json")] would otherwise relabel it.
    private sealed class ProblemResult(ProblemDetails problem) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext, problem);
    }

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is JsonException json) return json;
        return null;
    }

    // The reader's own exception type is internal: a syntax error is a JsonException wrapping it.
    private static bool IsSyntaxError(JsonException e) =>
        e.InnerException?.GetType().Name == "JsonReaderException" || e.GetType().Name == "JsonReaderException";

    private static string BodyFieldName(string key) => key switch
    {
        "$" or "" => "$",
        _ when key.StartsWith("$.", StringComparison.Ordinal) => key[2..],
        _ => key,
    };

    private static string WrongValue(string key)
    {
        var field = key[(key.LastIndexOf('.') + 1)..];
        return field switch
        {
            "kind" when key.Contains("corrections", StringComparison.Ordinal) => "The value must be one of: correction, update.",
            "kind" => "The value must be one of: news, explainer, analysis, opinion.",
            "$" or "" => "The body must be a JSON object.",
            _ => "The value has the wrong type or is out of range.",
        };
    }

    private static void Add(Dictionary<string, string[]> errors, string key, string message) =>
        errors[key] = errors.TryGetValue(key, out var existing) ? existing.Contains(message) ? existing : [.. existing, message] : [message];
}

// The API's one exception handler: every exception from an /api request becomes a problem
// document. Readers' pages fall through to the HTML error page.
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The middleware has pointed the request at its own error page by now; the path the
        // client asked for is in the feature.
        if (context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { Length: > 0 } original) context.Request.Path = original;
        if (!ApiProblems.IsApi(context)) return false;
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested) return true;
        var ifMatch = context.Request.Headers.IfMatch.Count > 0;
        var problem = exception switch
        {
            ValidationFailedException v => ApiProblems.Create(context, 422, "Some fields are not valid.", ApiProblems.ValidationType,
                ApiProblems.ToJsonNames(v.Errors)),
            NotFoundException => ApiProblems.Create(context, 404, exception.Message),
            ForbiddenException => ApiProblems.Create(context, 403, exception.Message),
            ConcurrencyConflictException c => ConcurrencyProblem(context, c, ifMatch),
            ConflictException => ApiProblems.Create(context, 409, exception.Message),
            ApiRequestException r => ApiProblems.Create(context, r.Status, r.Message, r.Type, r.Errors),
            BadHttpRequestException b => ApiProblems.Create(context, b.StatusCode,
                b.StatusCode == 413 ? "The request body is larger than the API accepts." : "The request could not be read."),
            InputFormatterException or JsonException => ApiProblems.Create(context, 400, "The request body is not valid JSON.", ApiProblems.MalformedJsonType),
            _ => null,
        };
        if (problem is null)
        {
            log.LogError(exception, "The API failed on {Method} {Path}.", context.Request.Method, context.Request.Path);
            problem = ApiProblems.Create(context, 500, "The request could not be completed. It has been logged.");
        }
        await ApiProblems.WriteAsync(context, problem);
        return true;
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails ConcurrencyProblem(HttpContext context, ConcurrencyConflictException c, bool ifMatch)
    {
        var problem = ApiProblems.Create(context, ifMatch ? 412 : 409, c.Message, ifMatch ? null : ApiProblems.EditConflictType);
        problem.Extensions["currentVersion"] = c.CurrentVersion;
        return problem;
    }
}
