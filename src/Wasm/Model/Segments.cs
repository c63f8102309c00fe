namespace Hyperlight.Wasm.Model;

public enum SegmentMode : byte
{
    Active,
    Passive,
    Declarative,
}

/// <summary>An element segment; every item is a constant expression (<c>ref.func</c>, <c>ref.null</c> or <c>global.get</c>).</summary>
public sealed record ElementSegment(SegmentMode Mode, uint TableIndex, ConstantExpression? Offset, ValueType ElementType, IReadOnlyList<ConstantExpression> Items);

/// <summary>A data segment; <see cref="Bytes"/> is a slice of the module.</summary>
public sealed record DataSegment(SegmentMode Mode, uint MemoryIndex, ConstantExpression? Offset, ReadOnlyMemory<byte> Bytes);

public sealed record Global(GlobalType Type, ConstantExpression Initializer);
