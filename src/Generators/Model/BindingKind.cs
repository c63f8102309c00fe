namespace Hyperlight.Generators.Model;

/// <summary>Which side of the sandbox boundary an interface describes.</summary>
internal enum BindingKind
{
    /// <summary>Exports of the guest, called through a generated proxy.</summary>
    Guest,

    /// <summary>Imports the guest calls, served by a generated dispatcher.</summary>
    Host,
}
