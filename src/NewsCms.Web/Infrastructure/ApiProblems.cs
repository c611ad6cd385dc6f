using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NewsCms.Common;

namespace NewsCms.Web.Infrastructure;

// Every error the API answers is one of these RFC 9457 problem types. The URIs are a contract:
// clients branch on them, so they never change.
public static class ApiProblems
{
    public const string Base = "https://newscms.dev/problems/";
    public const string Validation = Base + "validation";
    public const string BadRequest = Base + "bad-request";

    public static bool IsApi(HttpContext context) => OriginalPath(context).StartsWithSegments("/api");

    // While an exception is handled the request's path is the error page's; the feature keeps the real one.
    public static PathString OriginalPath(HttpContext context) =>
        context.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } path ? new PathString(path) : context.Request.Path;

    public static string TypeFor(int status) => Base + status switch
    {
        400 => "bad-request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        406 => "not-acceptable",
        409 => "conflict",
        412 => "precondition-failed",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        422 => "validation",
        428 => "precondition-required",
        429 => "rate-limited",
        _ when status >= 500 => "server-error",
        _ => "client-error",
    };

    public static string TitleFor(int status) => status switch
    {
        400 => "The request could not be read.",
        401 => "An API key is needed.",
        403 => "The API key may not do this.",
        404 => "Not found.",
        405 => "This address does not accept that method.",
        406 => "The API answers only JSON.",
        409 => "The request conflicts with the current state.",
        412 => "The resource changed since you read it.",
        413 => "The request body is too large.",
        415 => "The body's content type is not accepted here.",
        422 => "Some fields are not valid.",
        428 => "Say which version you are changing.",
        429 => "Too many requests.",
        _ when status >= 500 => "Something went wrong on our side.",
        _ => "The request failed.",
    };

    // The services name fields as C# does ("Sections[0].Question"); clients know the JSON
    // names ("sections[0].question"). Where a JSON name differs from the input's, it is mapped.
    public static string JsonPath(string field)
    {
        if (field.StartsWith("$.", StringComparison.Ordinal)) field = field[2..];
        if (field is "$" or "") return "body";
        field = field switch
        {
            "AuthorIds" => "authors",
            "PublishAt" => "at",
            _ => field,
        };
        var sb = new StringBuilder(field.Length);
        var segmentStart = true;
        foreach (var ch in field)
        {
            sb.Append(segmentStart ? char.ToLowerInvariant(ch) : ch);
            segmentStart = ch == '.';
        }
        return sb.ToString();
    }

    public static Dictionary<string, string[]> ToJsonPaths(IEnumerable<KeyValuePair<string, string[]>> errors)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in errors)
        {
            var key = JsonPath(field);
            result[key] = result.TryGetValue(key, out var existing) ? [.. existing, .. messages] : messages;
        }
        return result;
    }

    // Model binding failures (malformed JSON, a string where a number goes, an unknown enum
    // value, a bad query parameter): 400 with each failing field.
    public static IActionResult FromModelState(ActionContext context)
    {
        // A form that outgrew a limit while it was read (a body sent without its length) is a 413, not a bad value.
        if (context.ModelState.Values.SelectMany(v => v.Errors).Any(TooLarge))
        {
            return new ObjectResult(new ProblemDetails { Status = 413, Type = TypeFor(413), Title = TitleFor(413), Detail = "The body is larger than this endpoint accepts." })
            {
                StatusCode = 413, ContentTypes = { "application/problem+json" },
            };
        }
        // A body that fails to read also leaves "the body is required" under the parameter's
        // name; the JSON path of the failure is the useful part.
        var bodyNames = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource == BindingSource.Body).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var hasJsonPath = context.ModelState.Keys.Any(k => k.StartsWith('$'));
        return BadRequestResult(context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 } && !(hasJsonPath && bodyNames.Contains(e.Key)))
            .Select(e => KeyValuePair.Create(e.Key, e.Value!.Errors.Select(Message).Distinct().ToArray())));
    }

    public static ObjectResult BadRequestResult(IEnumerable<KeyValuePair<string, string[]>> fieldErrors)
    {
        var errors = ToJsonPaths(fieldErrors);
        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Type = BadRequest,
            Title = TitleFor(400),
            Detail = "Some values could not be read or are not allowed here; see errors.",
        };
        return new ObjectResult(problem) { StatusCode = 400, ContentTypes = { "application/problem+json" } };
    }

    // MVC reports a form it could not read as a message only ("Failed to read the request form. " and the
    // reader's reason): Kestrel's body limit ("Request body too large.") or a form length limit
    // ("Multipart body length limit 1234 exceeded.").
    private static bool TooLarge(ModelError e) =>
        e.Exception is BadHttpRequestException { StatusCode: 413 }
        || e.ErrorMessage.Contains("body too large", StringComparison.OrdinalIgnoreCase)
        || e.ErrorMessage.Contains("length limit", StringComparison.Ordinal) && e.ErrorMessage.Contains("exceeded", StringComparison.Ordinal);

    private static string Message(ModelError e) =>
        string.IsNullOrEmpty(e.ErrorMessage) || e.Exception is not null ? "The value is not valid here." : e.ErrorMessage;

    // Fills in type, title and instance for every problem the API writes, whoever wrote it.
    public static void Customize(ProblemDetailsContext context)
    {
        if (!IsApi(context.HttpContext)) return;
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        if (problem.Type is null || !problem.Type.StartsWith(Base, StringComparison.Ordinal)) problem.Type = TypeFor(status);
        // One title per type, as RFC 9457 asks; the detail says what happened this time.
        problem.Title = TitleFor(status);
        problem.Instance ??= OriginalPath(context.HttpContext);
        problem.Extensions.Remove("exception");
    }

    public static Task WriteAsync(HttpContext context, int status, string? detail = null) =>
        WriteAsync(context, new ProblemDetails { Status = status, Detail = detail });

    // Whatever the client's Accept header says: a caller that asked for HTML or XML still gets
    // the problem as JSON rather than nothing (or, worse, the error page's 500).
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        Customize(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        context.Response.StatusCode = problem.Status ?? 500;
        await TypedResults.Problem(problem).ExecuteAsync(context);
    }
}

// The one place where exceptions become API answers. Pages outside /api keep their HTML error pages.
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!ApiProblems.IsApi(context)) return false;
        var problem = exception switch
        {
            ValidationFailedException v => new HttpValidationProblemDetails(ApiProblems.ToJsonPaths(v.Errors.Select(e => KeyValuePair.Create(e.Key, e.Value))))
            {
                Status = 422, Detail = v.Message,
            },
            NotFoundException n => new ProblemDetails { Status = 404, Detail = n.Message },
            ForbiddenException f => new ProblemDetails { Status = 403, Detail = f.Message },
            ConcurrencyConflictException c => new ProblemDetails
            {
                // A stale If-Match is a failed precondition; a stale version in the body, a conflict.
                Status = context.Request.Headers.IfMatch.Count > 0 ? 412 : 409,
                Detail = c.Message,
                Extensions = { ["currentVersion"] = c.CurrentVersion },
            },
            Controllers.Api.PreconditionFailedException p => new ProblemDetails { Status = 412, Detail = p.Message },
            ConflictException c => new ProblemDetails { Status = 409, Detail = c.Message },
            JsonException j => new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [ApiProblems.JsonPath(j.Path ?? "$")] = ["The value is not valid here."],
            }) { Status = 400, Detail = "Some values could not be read; see errors." },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Detail = b.StatusCode == 413 ? "The request body is larger than the API accepts." : null },
            _ => null,
        };
        if (problem is null)
        {
            log.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, ApiProblems.OriginalPath(context));
            problem = new ProblemDetails { Status = 500, Detail = "The error was logged." };
        }
        else if (problem.Status == 422)
        {
            problem.Type = ApiProblems.Validation;
        }
        await ApiProblems.WriteAsync(context, problem);
        return true;
    }
}

// What the status code pages middleware would do for a page, done for the API: an empty error
// answer (no route, wrong method, 415 from a filter) gets a problem body instead of HTML.
public sealed class ApiStatusProblems(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiProblems.IsApi(context))
        {
            await next(context);
            return;
        }
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        await next(context);
        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength > 0 || response.ContentType is not null) return;
        await ApiProblems.WriteAsync(context, response.StatusCode);
    }
}
