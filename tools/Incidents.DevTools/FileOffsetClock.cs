using System.Globalization;

namespace Incidents.DevTools;

/// <summary>
/// Real time plus an offset read from a file (a TimeSpan, e.g. <c>1.02:00:00</c>; missing or empty: none), so a test
/// moves time in every node of a multi-node cluster at once by writing the file. Development tooling: Debug builds only.
/// </summary>
public sealed class FileOffsetClock(string path) : TimeProvider
{
    private readonly object _gate = new();
    private DateTime _readAt = DateTime.MinValue;
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset();

    private TimeSpan Offset()
    {
        lock (_gate)
        {
            // Read at most every 100 ms: the clock is asked often.
            var now = DateTime.UtcNow;
            if (now - _readAt > TimeSpan.FromMilliseconds(100))
            {
                _readAt = now;
                try
                {
                    var text = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
                    _offset = text.Length == 0 ? TimeSpan.Zero : TimeSpan.Parse(text, CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // Being written: keep the last offset.
                }
                catch (FormatException)
                {
                    // Half written: keep the last offset.
                }
            }

            return _offset;
        }
    }

    /// <summary>Moves every node reading <paramref name="path"/> to real time + <paramref name="offset"/>.</summary>
    public static void Write(string path, TimeSpan offset)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, offset.ToString("c", CultureInfo.InvariantCulture));
        File.Move(temporary, path, overwrite: true);
    }
}
