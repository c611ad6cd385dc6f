namespace NewsCms.Common;

// The few ways a request can fail on a rule. The API maps each to one problem details type in
// one place; the admin copies validation errors onto the form's fields.
public abstract class DomainException(string message) : Exception(message);

public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("The request has invalid fields.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class NotFoundException(string what) : DomainException($"{what} was not found.");

public sealed class ForbiddenException(string message) : DomainException(message);

// The article changed since the caller read it.
public sealed class ConcurrencyConflictException(int expectedVersion, int currentVersion)
    : DomainException($"The article was saved by someone else: you edited version {expectedVersion}, it is now at version {currentVersion}.")
{
    public int ExpectedVersion { get; } = expectedVersion;
    public int CurrentVersion { get; } = currentVersion;
}

// A state change that is not allowed from the current state (publish a deleted image, delete one in use).
public sealed class ConflictException(string message) : DomainException(message);
