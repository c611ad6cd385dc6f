namespace NewsCms.Web.Api;

// Entity tags compared as RFC 9110 compares them for If-None-Match: weakly, by their opaque value.
public static class EntityTags
{
    public static string Opaque(string tag) => (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag).Trim('"');

    // True when the client already holds this version: "*", or any listed tag equal to it.
    public static bool NoneMatch(string ifNoneMatch, string etag) =>
        ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || Opaque(t) == Opaque(etag));
}
