using System;
using System.Collections.Generic;
using TorchSharp.Modules;

namespace DataMux.Cpu;

/// <summary>
/// The packed copies of encoder layers' projections, one per set of weights in the process: engines compiled from
/// models whose encoder layers share weight storage (a benchmark keeping many configurations of one backbone alive)
/// share one copy, which is freed when the last of them is disposed.
/// </summary>
/// <remarks>
/// Keyed by the storage addresses of the four weights and the head count (the pieces are cut by heads). An address
/// cannot be reused while a copy is in the table: every engine holding the copy holds the modules, and so the weights,
/// it was packed from.
/// </remarks>
internal static class SharedPackedWeights
{
    private static readonly object Gate = new();
    private static readonly Dictionary<((IntPtr, IntPtr, IntPtr, IntPtr) Storage, int Heads), Entry> Copies = new();

    /// <summary>The copy for <paramref name="layer"/>'s weights: packed now, or the one already packed from the same storage.</summary>
    public static PackedLayerWeights Acquire(CompiledLayer layer)
    {
        var key = (Storage(layer), layer.Heads);
        lock (Gate)
        {
            if (Copies.TryGetValue(key, out var entry))
            {
                entry.Users++;
                entry.Copy.AddUser();
                return entry.Copy;
            }

            var copy = new PackedLayerWeights(layer.Heads, layer.QueryKeyValue, layer.Output, layer.Expand, layer.Contract);
            Copies[key] = new Entry(copy);
            return copy;
        }
    }

    /// <summary>Gives <paramref name="copy"/> back; the last user frees it.</summary>
    public static void Release(PackedLayerWeights copy)
    {
        lock (Gate)
        {
            foreach (var (key, entry) in Copies)
            {
                if (!ReferenceEquals(entry.Copy, copy)) continue;
                if (--entry.Users == 0)
                {
                    Copies.Remove(key);
                    copy.Dispose();
                }

                return;
            }
        }
    }

    private static (IntPtr, IntPtr, IntPtr, IntPtr) Storage(CompiledLayer layer) =>
        (Address(layer.QueryKeyValue), Address(layer.Output), Address(layer.Expand), Address(layer.Contract));

    // Not disposed: Linear hands out its parameter itself, not a new handle.
    private static IntPtr Address(Linear linear) => TensorMemory.Address(linear.weight!);

    private sealed class Entry(PackedLayerWeights copy)
    {
        public PackedLayerWeights Copy { get; } = copy;
        public int Users { get; set; } = 1;
    }
}
