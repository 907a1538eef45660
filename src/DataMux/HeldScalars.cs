using TorchSharp;

namespace DataMux;

/// <summary>
/// Scalars that live as long as the process, for the TorchSharp calls that would otherwise make one of their own.
/// </summary>
/// <remarks>
/// TorchSharp turns a number passed where it takes a <see cref="Scalar"/> into a new Scalar that nothing holds during
/// the native call, so the finalizer can free it while libtorch reads it (libtorch's "Expected false to be true" from
/// <c>Scalar::toDouble</c>). <c>x + y</c>, <c>x.add(y)</c> and <c>x.add_(y)</c> do so themselves, for their alpha of 1:
/// with a thread forcing collections 45 of 0.8 million <c>x + y</c> failed, none with <c>x.add(y, One)</c>. Static
/// fields are never collected, so these are never freed; a value of the call's own is held in a <c>using</c> variable.
/// <c>x.ToInt64()</c> and its siblings read through such a Scalar too (a freed one aborts the process): read values with
/// <c>item&lt;T&gt;()</c>. README, "TorchSharp note", has the measurements; ScalarOperandTests keeps the runtime to this.
/// </remarks>
internal static class HeldScalars
{
    /// <summary>1, the alpha of a plain addition: <c>x.add(y, HeldScalars.One)</c> for <c>x + y</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();
}
