using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NewsCms.Data;

public sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
    v => ToText(v),
    v => FromText(v))
{
    private const string Format = "yyyy'-'MM'-'dd' 'HH':'mm':'ss'.'fffffff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset FromText(string value) =>
        DateTimeOffset.ParseExact(value, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
