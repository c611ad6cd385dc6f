using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Tags;

public sealed record TagSummary(int Id, string Name, string Slug, string? Description, int PublishedArticles);

public sealed class TagService(NewsCmsDbContext db, TimeProvider clock)
{
    public Task<TagSummary?> FindBySlugAsync(string slug, CancellationToken ct) =>
        db.Tags.AsNoTracking().Where(t => t.Slug == slug)
            .Select(t => new TagSummary(t.Id, t.Name, t.Slug, t.Description,
                db.ArticleTags.Count(x => x.TagId == t.Id && db.Articles.Any(a => a.Id == x.ArticleId && a.Status == Articles.ArticleStatus.Published))))
            .FirstOrDefaultAsync(ct);

    // Trims, drops empties and case-insensitive repeats, checks lengths; keeps the given order.
    public List<string> CheckNames(IReadOnlyList<string> names, string field, ValidationErrors errors)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw?.Trim();
            if (string.IsNullOrEmpty(name)) continue;
            if (name.Length > FieldLimits.TagName)
                errors.Add(field, $"The tag \"{name[..20]}...\" is longer than {FieldLimits.TagName} characters.");
            else if (Slugs.From(name).Length == 0)
                errors.Add(field, $"The tag \"{name}\" needs at least one letter or digit.");
            else if (!result.Contains(name, StringComparer.OrdinalIgnoreCase))
                result.Add(name);
        }
        if (result.Count > FieldLimits.MaxTags)
            errors.Add(field, $"At most {FieldLimits.MaxTags} tags.");
        return result;
    }

    // Finds each tag by its slug, creating the ones that do not exist yet, in the given order.
    public async Task<List<Tag>> ResolveAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var slugs = names.Select(n => Slugs.From(n)).ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, ct);
        var result = new List<Tag>();
        for (var i = 0; i < names.Count; i++)
        {
            if (!existing.TryGetValue(slugs[i], out var tag))
            {
                tag = new Tag { Name = names[i], Slug = slugs[i], CreatedAt = clock.GetUtcNow() };
                db.Tags.Add(tag);
                existing[slugs[i]] = tag;
            }
            if (!result.Contains(tag)) result.Add(tag);
        }
        if (result.Any(t => t.Id == 0)) await db.SaveChangesAsync(ct);
        return result;
    }
}
