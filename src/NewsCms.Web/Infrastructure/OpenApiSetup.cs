using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using NewsCms.Web.Api;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsCms.Web.Infrastructure;

// The API's OpenAPI document (Swashbuckle) at /swagger/v1/swagger.json and its UI at /swagger.
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    public static WebApplicationBuilder AddNewsCmsOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "NewsCms API",
                Version = "v1",
                Description = "Articles (with Q&A sections, lead images and their credits, attributions), revisions, tags and authors. " +
                    "Anonymous callers read published articles; an API key (\"Authorization: Bearer KEY\") reads drafts too, and a key with " +
                    "write scope writes as an editor. Every error is an RFC 9457 problem document.",
            });
            o.DocInclusionPredicate((_, api) => api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
            o.IncludeXmlComments(typeof(OpenApiSetup).Assembly);
            o.SupportNonNullableReferenceTypes();
            o.MapType<JsonObject>(() => new OpenApiSchema { Type = JsonSchemaType.Object });
            o.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key, created by an Admin (or `api-keys create --name NAME --scope read|write`).",
            });
            o.OperationFilter<ApiOperationFilter>();
        });
        return builder;
    }

    public static WebApplication MapNewsCmsOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "NewsCms API v1");
            o.DocumentTitle = "NewsCms API";
        });
        return app;
    }
}

// What every operation can answer besides success, the key it needs, and the merge-patch body.
public sealed class ApiOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        var metadata = api.ActionDescriptor.EndpointMetadata;
        var policies = metadata.OfType<AuthorizeAttribute>().Select(a => a.Policy).ToList();
        var needsKey = policies.Count > 0;
        var writes = policies.Contains(ApiKeyAuthenticationHandler.WritePolicy);
        var hasBody = api.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body);
        var route = api.RelativePath ?? "";

        if (needsKey)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.BearerScheme, context.Document)] = [] });
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        void Problem(int status, string description)
        {
            operation.Responses ??= [];
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.ContainsKey(key)) return;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType> { [ApiProblems.ContentType] = new OpenApiMediaType { Schema = problem } },
            };
        }

        Problem(400, "Malformed JSON or an invalid query parameter.");
        Problem(401, "The API key is missing, unknown or revoked.");
        if (writes) Problem(403, "The API key may only read.");
        if (route.Contains('{', StringComparison.Ordinal)) Problem(404, "No such resource (or not published, for anonymous callers).");
        if (writes)
        {
            Problem(409, "A rule refuses the change in the resource's current state, or the body's version is stale.");
            Problem(412, "If-Match names an older version.");
            Problem(422, "Some fields are not valid: see errors, keyed by JSON field.");
        }
        if (hasBody)
        {
            Problem(413, "The body is too large.");
            Problem(415, "The body is not JSON.");
        }
        Problem(429, "Too many requests: see Retry-After.");

        if (api.HttpMethod == "PATCH" && operation.RequestBody is OpenApiRequestBody body)
        {
            var patch = context.SchemaGenerator.GenerateSchema(typeof(ArticleWriteDto), context.SchemaRepository);
            body.Description = "A JSON Merge Patch (RFC 7396) over the article document: fields present replace, null removes, absent keep.";
            body.Content = new Dictionary<string, IOpenApiMediaType> { [MergePatch.MediaType] = new OpenApiMediaType { Schema = patch } };
        }
    }
}
