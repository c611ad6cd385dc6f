using System.Text.Json.Nodes;

namespace NewsCms.Web.Api;

// JSON Merge Patch (RFC 7396): an object merges member by member, null removes a member, and
// anything else (arrays included) replaces what was there.
public static class MergePatch
{
    public const string MediaType = "application/merge-patch+json";

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (value is null) result.Remove(name);
            else result[name] = Apply(result[name], value);
        }
        return result;
    }
}
