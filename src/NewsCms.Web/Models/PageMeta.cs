namespace NewsCms.Web.Models;

// What the layout needs to know about the page it wraps: every public view model carries one,
// so the layout reads a typed value rather than ViewData keys.
public sealed record PageMeta(string Title, string? Description = null, string? CanonicalUrl = null, string? ImageUrl = null,
    bool NoIndex = false);

public interface IPublicPage
{
    PageMeta Meta { get; }
}
