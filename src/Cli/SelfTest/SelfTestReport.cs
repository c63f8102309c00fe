using System.Globalization;

namespace Hyperlight.Cli.SelfTest;

/// <summary>Prints one aligned line per check and per figure, and counts failed checks.</summary>
internal sealed class SelfTestReport(TextWriter output)
{
    private const int NameWidth = 34;

    public int Failures { get; private set; }

    /// <summary>Runs <paramref name="check"/>; its return value is the detail of an "ok" line, any exception a "FAIL" line.</summary>
    public void Check(string name, Func<string> check)
    {
        string status, detail;
        try
        {
            detail = check();
            status = "ok";
        }
        catch (Exception e)
        {
            Failures++;
            status = "FAIL";
            detail = e is SelfTestFailure ? e.Message : $"{e.GetType().Name}: {e.Message}";
        }
        output.WriteLine($"check   {name.PadRight(NameWidth, '.')} {status,-4}  {detail}");
    }

    /// <summary>A measurement; a failure to measure is a failed check, since the figure then says nothing.</summary>
    public void Figure(string name, Func<string> measure)
    {
        string value;
        try
        {
            value = measure();
        }
        catch (Exception e)
        {
            Failures++;
            value = $"FAIL  {e.GetType().Name}: {e.Message}";
        }
        output.WriteLine($"figure  {name.PadRight(NameWidth, '.')} {value}");
    }

    public static string Microseconds(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " µs";

    public static string Ratio(double value, double baseline) =>
        (value / baseline).ToString("0.00", CultureInfo.InvariantCulture) + " × raw exit";
}
