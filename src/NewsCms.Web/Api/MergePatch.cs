using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Filters;

namespace NewsCms.Web.Api;

// JSON Merge Patch (RFC 7396): members of the patch replace the target's, null removes one,
// objects merge recursively, anything else (arrays included) replaces whole.
public static class MergePatch
{
    public static void Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
            {
                Apply(targetObject, patchObject);
            }
            else if (value is JsonObject newObject)
            {
                var fresh = new JsonObject();
                Apply(fresh, newObject);
                target[name] = fresh;
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }
}

// Lets an action read its JSON body again after model binding (merge patch needs the raw
// members: "absent" and "null" mean different things there).
[AttributeUsage(AttributeTargets.Method)]
public sealed class RereadableBodyAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context) => context.HttpContext.Request.EnableBuffering();

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
