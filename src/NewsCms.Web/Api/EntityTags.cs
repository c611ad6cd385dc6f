using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace NewsCms.Web.Api;

// Strong entity tags from the exact bytes sent, so a 304 is never wrong. A versioned resource
// (an article) leads its tag with the version: "3-1f2e...". If-Match then names the version the
// client edited, and a change elsewhere that alters the document (a related headline) does not
// make the client's edit stale.
public static class EntityTags
{
    public static string For(ReadOnlySpan<byte> body, int? version)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(body))[..20];
        return version is { } v ? string.Create(CultureInfo.InvariantCulture, $"\"{v}-{hash}\"") : $"\"{hash}\"";
    }

    public static bool NoneMatch(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags)) return false;
        // If-None-Match uses the weak comparison (RFC 9110 13.1.2).
        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    // The version an If-Match header names. Null: no If-Match, or "*" (any version will do).
    // A tag that is not one of ours names no version and can never match: version -1, so the
    // write is refused as stale (412), as RFC 9110 asks.
    public static int? IfMatchVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0) return null;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count == 0) return -1;
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any))) return null;
        foreach (var tag in tags)
        {
            if (tag.IsWeak) continue;
            var text = tag.Tag.AsSpan().Trim('"');
            var dash = text.IndexOf('-');
            if (dash > 0 && int.TryParse(text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                return version;
        }
        return -1;
    }

    // For resources without a version (tags, authors): does If-Match name the current document?
    public static bool IfMatchFails(HttpRequest request, string currentEtag)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(header, out var tags)) return true;
        var current = new EntityTagHeaderValue(currentEtag);
        return !tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true));
    }
}
