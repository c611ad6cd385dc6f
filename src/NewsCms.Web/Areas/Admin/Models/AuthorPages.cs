using Microsoft.AspNetCore.Mvc.ModelBinding;
using NewsCms.Authors;
using NewsCms.Common;

namespace NewsCms.Web.Areas.Admin.Models;

// Everyone who signs articles; the signed-in journalist may open the profiles they may change.
public sealed record AuthorsPage(IReadOnlyList<AuthorView> Authors, Actor Viewer, IReadOnlySet<int> Public)
{
    public bool MayEdit(AuthorView author) => AuthorService.MayEdit(Viewer, author.UserId);
}

// An author profile as typed, with the names AuthorService gives its errors. Id is 0 for a new one.
public sealed class AuthorForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? JobTitle { get; set; }
    public string? Bio { get; set; }

    // Which profile, and the slug its public page has now: read from the service, never posted.
    [BindNever]
    public int Id { get; private set; }

    [BindNever]
    public string? SavedSlug { get; private set; }

    public static AuthorForm From(AuthorView a) => new AuthorForm { Name = a.Name, Slug = a.Slug, JobTitle = a.JobTitle, Bio = a.Bio }.Around(a);

    public AuthorForm Around(AuthorView a)
    {
        Id = a.Id;
        SavedSlug = a.Slug;
        return this;
    }

    public AuthorInput ToInput() => new(Name ?? "", Slug, JobTitle, Bio);
}
