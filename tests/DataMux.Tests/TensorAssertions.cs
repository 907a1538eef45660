using System.Linq;
using static TorchSharp.torch;

namespace DataMux.Tests;

internal static class TensorAssertions
{
    /// <summary>Same shape and exactly the same values (TorchSharp's <c>equal</c> is element-wise).</summary>
    public static bool Same(this Tensor actual, Tensor expected)
        => actual.shape.SequenceEqual(expected.shape) && actual.eq(expected).all().item<bool>();
}
