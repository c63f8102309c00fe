using System.Collections.Concurrent;

namespace Hyperlight;

/// <summary>
/// Warm sandboxes for servers: <see cref="Rent"/> hands out a ready sandbox, and disposing the
/// lease restores it to its snapshot and puts it back. Sandboxes are built up front
/// (<paramref name="warm"/>) and on demand up to <paramref name="capacity"/>; past that,
/// <see cref="Rent"/> waits for a return.
/// </summary>
public sealed class SandboxPool : IDisposable
{
    private readonly SandboxBuilder _builder;
    private readonly ConcurrentStack<Sandbox> _idle = new();
    private readonly SemaphoreSlim _available;
    private readonly int _capacity;
    private int _created;
    private bool _disposed;

    public SandboxPool(SandboxBuilder builder, int capacity, int warm = 0)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warm);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warm, capacity);
        _builder = builder;
        _capacity = capacity;
        _available = new SemaphoreSlim(capacity, capacity);
        for (int i = 0; i < warm; i++)
            _idle.Push(Create());
    }

    /// <summary>Sandboxes built so far (idle or rented).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Sandboxes waiting to be rented.</summary>
    public int Idle => _idle.Count;

    /// <summary>Takes a sandbox, waiting up to <paramref name="timeout"/> (default: forever) when all are rented.</summary>
    public SandboxLease Rent(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_available.Wait(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken))
            throw new TimeoutException($"All {_capacity} sandboxes of the pool stayed rented for {timeout}.");
        try
        {
            return new SandboxLease(this, _idle.TryPop(out Sandbox? sandbox) ? sandbox : Create());
        }
        catch
        {
            _available.Release();
            throw;
        }
    }

    internal void Return(Sandbox sandbox)
    {
        try
        {
            if (_disposed)
            {
                sandbox.Dispose();
                return;
            }
            try
            {
                sandbox.Restore();
                _idle.Push(sandbox);
            }
            catch (Exception e) when (e is HyperlightException or NotSupportedException or InvalidOperationException)
            {
                // A sandbox that cannot be restored must not serve anyone else: drop it, build anew later.
                sandbox.Dispose();
                Interlocked.Decrement(ref _created);
            }
        }
        finally
        {
            if (!_disposed)
                _available.Release();
        }
    }

    private Sandbox Create()
    {
        Sandbox sandbox = _builder.Build();
        if (!sandbox.CanRestore)
        {
            sandbox.Dispose();
            throw new SandboxConfigurationException($"A pool needs an engine with snapshots; {sandbox.Engine.Name} cannot restore.");
        }
        Interlocked.Increment(ref _created);
        return sandbox;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        while (_idle.TryPop(out Sandbox? sandbox))
            sandbox.Dispose();
        _available.Dispose();
    }
}

/// <summary>A rented sandbox; dispose it to restore it and give it back to the pool.</summary>
public sealed class SandboxLease : IDisposable
{
    private readonly SandboxPool _pool;
    private Sandbox? _sandbox;

    internal SandboxLease(SandboxPool pool, Sandbox sandbox)
    {
        _pool = pool;
        _sandbox = sandbox;
    }

    public Sandbox Sandbox => _sandbox ?? throw new ObjectDisposedException(nameof(SandboxLease));

    public T Guest<T>() where T : class, Bindings.IGuestFunctions<T> => Sandbox.Guest<T>();

    public void Dispose()
    {
        Sandbox? sandbox = Interlocked.Exchange(ref _sandbox, null);
        if (sandbox is not null)
            _pool.Return(sandbox);
    }
}
