namespace NewsCms.Common;

// Collects field errors while a service checks an input, then throws them all at once.
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
    }

    public void Required(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"{label} is required.");
    }

    public void MaxLength(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
            Add(field, $"{label} must be at most {max:N0} characters (it has {value.Length:N0}).");
    }

    public void AbsoluteHttpUrl(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            Add(field, $"{label} must be an absolute http or https address.");
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void ThrowIfAny()
    {
        if (Any)
            throw new ValidationFailedException(ToDictionary());
    }
}
