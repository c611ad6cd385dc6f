using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace NewsCms.Common;

// A keyset position in a list ordered by a time, newest first, with the id breaking ties.
// Opaque to callers: base64url of "ticks.id".
public readonly record struct Cursor(DateTimeOffset At, int Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}.{Id}")));

    public static bool TryDecode(string? text, out Cursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64) return false;
        try
        {
            var raw = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text));
            var dot = raw.IndexOf('.');
            if (dot <= 0
                || !long.TryParse(raw[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || !int.TryParse(raw[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
                return false;
            cursor = new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
