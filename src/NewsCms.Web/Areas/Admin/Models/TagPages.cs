using Microsoft.AspNetCore.Mvc.ModelBinding;
using NewsCms.Tags;

namespace NewsCms.Web.Areas.Admin.Models;

public sealed record TagsPage(IReadOnlyList<TagSummary> Tags);

// A tag as typed, with the names TagService gives its errors. Id is 0 for a new one.
public sealed class TagForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }

    // Which tag, its public page now and how many published articles it lists: never posted.
    [BindNever]
    public int Id { get; private set; }

    [BindNever]
    public string? SavedSlug { get; private set; }

    [BindNever]
    public int PublishedArticles { get; private set; }

    public static TagForm From(TagSummary t) => new TagForm { Name = t.Name, Slug = t.Slug, Description = t.Description }.Around(t);

    public TagForm Around(TagSummary t)
    {
        Id = t.Id;
        SavedSlug = t.Slug;
        PublishedArticles = t.PublishedArticles;
        return this;
    }

    public TagInput ToInput() => new(Name, Slug, Description);
}
