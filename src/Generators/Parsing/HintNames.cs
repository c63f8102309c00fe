using System.Text;
using Hyperlight.Generators.Model;

namespace Hyperlight.Generators.Parsing;

/// <summary>File names for generated sources.</summary>
internal static class HintNames
{
    /// <summary>
    /// <c>Demo.Outer.ICalculator.Guest.g.cs</c>: the interface's name with characters that hint names
    /// do not allow replaced by '_'. The pipeline makes clashes unique (see <see cref="WithSuffix"/>).
    /// </summary>
    public static string For(string displayName, BindingKind kind)
    {
        var builder = new StringBuilder(displayName.Length + 12);
        foreach (char c in displayName)
            builder.Append(char.IsLetterOrDigit(c) || c == '.' || c == '_' ? c : '_');
        builder.Append(kind == BindingKind.Guest ? ".Guest" : ".Host");
        return builder.ToString();
    }

    /// <summary>The final file name, numbered when two interfaces share a name up to case or replaced characters.</summary>
    public static string WithSuffix(string hintName, int duplicateNumber) =>
        duplicateNumber == 0 ? hintName + ".g.cs" : hintName + "." + duplicateNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".g.cs";
}
