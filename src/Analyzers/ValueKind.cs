namespace Hyperlight.Analyzers;

/// <summary>How a C# type crosses the sandbox boundary, per the binding protocol.</summary>
internal enum ValueKind
{
    /// <summary>No mapping: the analyzer reports it.</summary>
    Unsupported,

    /// <summary>Flattens to one core value: bool, the integers, float, double and enums.</summary>
    Scalar,

    /// <summary>string or byte[]: a (pointer, length) pair, usable as parameter and result.</summary>
    Sequence,

    /// <summary>ReadOnlySpan&lt;byte&gt; or ReadOnlyMemory&lt;byte&gt;: a (pointer, length) pair, parameters only.</summary>
    BorrowedBytes,

    /// <summary>A CancellationToken: passed to the call, not across the boundary.</summary>
    CancellationToken,

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    Awaitable,

    /// <summary>A type the compiler could not resolve; it reports that already.</summary>
    Error,
}
