using TorchSharp;

namespace DataMux.Cpu;

/// <summary>
/// Scalars that live as long as the process, for the TorchSharp calls that would otherwise make one of their own that
/// nothing holds during the native call (the finalizer can free it while libtorch reads it). The runtime's
/// <c>DataMux.HeldScalars</c> explains the failure and its measurements; this is the engine's copy.
/// </summary>
internal static class HeldScalars
{
    /// <summary>1, the alpha of a plain addition: <c>x.add(y, HeldScalars.One)</c> for <c>x + y</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();
}
