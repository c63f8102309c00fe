using System.Runtime.CompilerServices;
using Hyperlight.Images;
using Hyperlight.Vm.Stubs;

namespace Hyperlight.Vm.Loading;

/// <summary>Sizes a guest's memory from its image and the options, and copies the image in.</summary>
internal static unsafe class GuestImageLoader
{
    public const long WasmPageSize = 64 * 1024;

    /// <summary>A 32-bit linear memory never exceeds 4 GiB.</summary>
    private const long MaxLinearMemory = 4L << 30;

    /// <summary>The layout request for <paramref name="image"/>: each linear memory mapped up to its maximum, bounded by <see cref="SandboxOptions.MemoryLimitBytes"/>.</summary>
    public static GuestLayoutRequest Plan(GuestImage image, DriverStubs stubs, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(image.Code);
        if ((uint)image.EntryOffset >= (uint)image.Code.Length)
            throw Malformed($"its entry offset {image.EntryOffset} is outside its {image.Code.Length} bytes of code");
        if (image.DataRegionSize < 0 || image.InitialData.Length > image.DataRegionSize)
            throw Malformed($"its initial data ({image.InitialData.Length} bytes) does not fit its data region ({image.DataRegionSize} bytes)");

        if (image.AdditionalMemories.Count > 0 && image.MemoryMinimumPages is null)
            throw Malformed($"it describes {image.AdditionalMemories.Count} additional memories but no memory 0");
        if (image.AdditionalMemories.Count >= ControlPage.MaxMemories)
            throw Malformed($"it has {image.AdditionalMemories.Count + 1} linear memories; at most {ControlPage.MaxMemories} are supported");
        foreach (GuestImport import in image.Imports)
        {
            if (import.Memory != 0 && (uint)import.Memory > (uint)image.AdditionalMemories.Count)
                throw Malformed($"its import {import.Module}.{import.Name} uses memory {import.Memory}, which it does not have");
        }

        LinearMemoryRequest memory0 = image.MemoryMinimumPages is uint minimumPages
            ? Memory(new GuestMemoryLimits(minimumPages, image.MemoryMaximumPages), options)
            : default;
        return new GuestLayoutRequest(image.Code.Length, stubs.Code.Length, options.CallFrameSize, image.DataRegionSize, memory0.Initial, memory0.Reserve)
        {
            AdditionalMemories = [.. image.AdditionalMemories.Select(limits => Memory(limits, options))],
        };
    }

    /// <summary>One linear memory: its minimum in use, mapped up to its maximum or <see cref="SandboxOptions.MemoryLimitBytes"/> (which bounds each memory, as in Wasmtime).</summary>
    private static LinearMemoryRequest Memory(GuestMemoryLimits limits, SandboxOptions options)
    {
        long limit = Math.Min(options.MemoryLimitBytes, MaxLinearMemory);
        long initial = limits.MinimumPages * WasmPageSize;
        long maximum = limits.MaximumPages is uint maximumPages ? maximumPages * WasmPageSize : MaxLinearMemory;
        if (maximum < initial)
            throw Malformed($"its memory maximum ({maximum} bytes) is below its minimum ({initial} bytes)");
        if (initial > limit)
            throw new SandboxConfigurationException(
                $"The guest needs {initial} bytes of linear memory ({limits.MinimumPages} pages of 64 KiB) at start, more than SandboxOptions.MemoryLimitBytes ({options.MemoryLimitBytes}). Raise the limit.");
        return new LinearMemoryRequest(initial, Math.Min(maximum, limit / WasmPageSize * WasmPageSize));
    }

    /// <summary>Copies code and stubs (then seals the code in-process), the initial data, and fills the control page.</summary>
    public static ControlPageFields Load(GuestImage image, GuestMemory memory, DriverStubs stubs, SandboxOptions options)
    {
        GuestLayout layout = memory.Layout;
        image.Code.CopyTo(memory.RegionSpan(layout.Code));
        stubs.Code.CopyTo(new Span<byte>(memory.Pointer(layout.StubsOffset), stubs.Code.Length));
        memory.SealCode();
        image.InitialData.CopyTo(memory.RegionSpan(layout.Data));

        var fields = new ControlPageFields(memory, stubs, options.CallFrameSize, image.Code.Length);
        byte* page = memory.Pointer(layout.Control.Offset);
        fields.Apply(page);
        for (int m = 0; m < layout.MemoryCount; m++)
            Unsafe.WriteUnaligned(page + ControlPage.MemorySize(m), layout.MemoryInitialSize(m));
        return fields;
    }

    private static SandboxConfigurationException Malformed(string problem) => new($"The guest image is malformed: {problem}.");
}
