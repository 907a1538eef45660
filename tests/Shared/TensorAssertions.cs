using System.Linq;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Testing;

internal static class TensorAssertions
{
    /// <summary>Same shape and exactly the same values (TorchSharp's <c>equal</c> is element-wise).</summary>
    public static bool Same(this Tensor actual, Tensor expected)
        => actual.shape.SequenceEqual(expected.shape) && actual.eq(expected).all().item<bool>();

    /// <summary>
    /// Asserts that a fast path's <paramref name="actual"/> agrees with the <paramref name="reference"/> path's within
    /// float32 rounding and is not bit-identical to it: the fast path rounds differently somewhere, so equal bits mean
    /// it never ran and the comparison compared the reference with itself (<paramref name="notRun"/> says which).
    /// </summary>
    public static void AssertCloseButNotIdentical(Tensor actual, Tensor reference, double rtol, double atol, string notRun)
    {
        Assert.True(actual.allclose(reference, rtol, atol), $"max difference {(actual - reference).abs().max().item<float>()}");
        Assert.False(actual.Same(reference), notRun);
    }
}
