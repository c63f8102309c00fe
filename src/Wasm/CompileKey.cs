using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Hyperlight.Images;
using Hyperlight.Wasm.Model;

namespace Hyperlight.Wasm;

/// <summary>
/// Names the image a <see cref="WasmLinkUnit"/> compiles to: a SHA-256 over the compiler build and
/// every input of <see cref="WasmCompiler.Link"/>. Equal keys mean equal images, so both the
/// in-process memo and the on-disk cache look images up by it.
/// </summary>
/// <remarks>
/// Each field is written field by field with a fixed width or a length prefix (never through a
/// record's <c>ToString</c>, where a name containing " }" could make two inputs print alike), so
/// two different units cannot feed the hash the same bytes. A new compiler option, host definition
/// kind or type field must be written here too; the tests list the options this covers.
/// </remarks>
public sealed record CompileKey
{
    // Changes when what is hashed, or how, changes, so keys of an older scheme never match.
    private const string Scheme = "hyperlight.compile-key.v1";

    private CompileKey(string hex) => Hex = hex;

    /// <summary>
    /// The build of the compiler and of the ABI it compiles against: each assembly's module version
    /// id, which a deterministic build changes exactly when the assembly's code does. A newer
    /// compiler (or image format) therefore never reads an older one's output.
    /// </summary>
    public static string CompilerIdentity { get; } =
        $"{typeof(WasmCompiler).Assembly.ManifestModule.ModuleVersionId:N}/{typeof(GuestImage).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>The SHA-256, as 64 lower-case hex digits (usable as a file name).</summary>
    public string Hex { get; }

    public override string ToString() => Hex;

    internal static CompileKey Of(WasmLinkUnit unit)
    {
        using var hash = new KeyHash();
        hash.Text(Scheme);
        hash.Text(CompilerIdentity);
        hash.Int(unit.Options.MaxModuleBytes);
        hash.Int(unit.Modules.Count);
        foreach (NamedWasmModule module in unit.Modules)
        {
            ArgumentNullException.ThrowIfNull(module, nameof(unit.Modules));
            hash.Text(module.Name);
            hash.Bytes(module.Bytes.Span);
        }
        hash.Int(unit.HostExterns.Count);
        foreach (WasmHostExtern definition in unit.HostExterns)
            AppendHostExtern(hash, definition);
        return new CompileKey(hash.Finish());
    }

    private static void AppendHostExtern(KeyHash hash, WasmHostExtern definition)
    {
        ArgumentNullException.ThrowIfNull(definition, nameof(WasmLinkUnit.HostExterns));
        switch (definition)
        {
            case WasmHostGlobal global:
                hash.Byte(1);
                AppendName(hash, global);
                hash.Byte((byte)global.Type.Type);
                hash.Byte(global.Type.Mutable ? (byte)1 : (byte)0);
                hash.Long((long)global.InitialBits);
                break;
            case WasmHostMemory memory:
                hash.Byte(2);
                AppendName(hash, memory);
                AppendLimits(hash, memory.Type.Limits);
                break;
            case WasmHostTable table:
                hash.Byte(3);
                AppendName(hash, table);
                hash.Byte((byte)table.Type.ElementType);
                AppendLimits(hash, table.Type.Limits);
                break;
            default:
                throw new ArgumentException($"Unknown host definition kind {definition.GetType().Name} for {definition.Module}.{definition.Name}", nameof(WasmLinkUnit.HostExterns));
        }
    }

    private static void AppendName(KeyHash hash, WasmHostExtern definition)
    {
        hash.Text(definition.Module);
        hash.Text(definition.Name);
    }

    private static void AppendLimits(KeyHash hash, Limits limits)
    {
        hash.Long(limits.Minimum);
        hash.Long(limits.Maximum is { } maximum ? maximum : -1);
    }

    /// <summary>Feeds fixed-width and length-prefixed fields to an incremental SHA-256.</summary>
    private sealed class KeyHash : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public void Byte(byte value) => _hash.AppendData(new ReadOnlySpan<byte>(in value));

        public void Int(int value)
        {
            Span<byte> bytes = stackalloc byte[sizeof(int)];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
            _hash.AppendData(bytes);
        }

        public void Long(long value)
        {
            Span<byte> bytes = stackalloc byte[sizeof(long)];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            _hash.AppendData(bytes);
        }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            Int(bytes.Length);
            _hash.AppendData(bytes);
        }

        /// <summary>The UTF-16 code units as they are: a UTF-8 encoding would turn every lone surrogate into the same replacement character.</summary>
        public void Text(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            Bytes(MemoryMarshal.AsBytes(text.AsSpan()));
        }

        public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public void Dispose() => _hash.Dispose();
    }
}
