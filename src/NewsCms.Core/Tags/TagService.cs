using Microsoft.EntityFrameworkCore;
using NewsCms.Common;
using NewsCms.Data;

namespace NewsCms.Tags;

public sealed record TagSummary(int Id, string Name, string Slug, string? Description, int PublishedArticles);

public sealed record TagInput(string? Name, string? Slug = null, string? Description = null);

public sealed class TagService(NewsCmsDbContext db, TimeProvider clock)
{
    public Task<TagSummary?> FindBySlugAsync(string slug, CancellationToken ct) =>
        Summaries(db.Tags.AsNoTracking().Where(t => t.Slug == slug)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<TagSummary>> ListAsync(CancellationToken ct) =>
        await Summaries(db.Tags.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id)).ToListAsync(ct);

    public async Task<TagSummary> GetAsync(int id, CancellationToken ct) =>
        await Summaries(db.Tags.AsNoTracking().Where(t => t.Id == id)).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Tag {id}");

    // Any journalist may add a tag, as saving an article with a new tag name does.
    public async Task<TagSummary> CreateAsync(TagInput input, Actor actor, CancellationToken ct)
    {
        var tag = new Tag { CreatedAt = clock.GetUtcNow() };
        await ApplyAsync(tag, input, ct);
        db.Tags.Add(tag);
        await db.SaveChangesAsync(ct);
        return await GetAsync(tag.Id, ct);
    }

    // Renaming a tag renames it on every article that carries it: an editor's decision.
    public async Task<TagSummary> UpdateAsync(int id, TagInput input, Actor actor, CancellationToken ct)
    {
        if (!actor.IsEditor) throw new ForbiddenException("Only an editor can change a tag.");
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException($"Tag {id}");
        await ApplyAsync(tag, input, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task ApplyAsync(Tag tag, TagInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        errors.Required(nameof(input.Name), name, "Name");
        errors.MaxLength(nameof(input.Name), name, FieldLimits.TagName, "Name");
        var slug = Slugs.ForName(input.Slug, tag.Slug, name);
        if (name.Length > 0 && !Slugs.IsValid(slug))
            errors.Add(nameof(input.Slug), "A slug is lower-case letters, digits and single hyphens.");
        else if (await db.Tags.AnyAsync(t => t.Slug == slug && t.Id != tag.Id, ct))
            errors.Add(nameof(input.Slug), $"Another tag already has the slug \"{slug}\".");
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        errors.MaxLength(nameof(input.Description), description, FieldLimits.TagDescription, "Description");
        errors.ThrowIfAny();
        tag.Name = name;
        tag.Slug = slug;
        tag.Description = description;
    }

    private IQueryable<TagSummary> Summaries(IQueryable<Tag> tags) =>
        tags.Select(t => new TagSummary(t.Id, t.Name, t.Slug, t.Description,
            db.ArticleTags.Count(x => x.TagId == t.Id && db.Articles.Any(a => a.Id == x.ArticleId && a.Status == Articles.ArticleStatus.Published))));

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
