namespace Hyperlight.Wasm.Model;

/// <summary>What an import or export refers to.</summary>
public enum ExternalKind : byte
{
    Function = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
}
