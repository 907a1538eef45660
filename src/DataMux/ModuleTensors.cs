using TorchSharp;
using static TorchSharp.torch;

namespace DataMux;

/// <summary>Keeps a module's parameters and buffers alive whatever dispose scope the code building it is in.</summary>
internal static class ModuleTensors
{
    /// <summary>
    /// Detaches every parameter and buffer of <paramref name="module"/> (submodules included) from the dispose scope
    /// it was created in. Called last in the constructors of this library's modules that make such tensors themselves
    /// (the embedding, the multiplexers, the demultiplexers): a tensor made inside a caller's <c>torch.NewDisposeScope()</c>
    /// joins that scope, and TorchSharp's <c>Embedding</c>, <c>new Parameter(...)</c> and plain tensors registered as
    /// buffers do not protect themselves from it (its <c>Linear</c> and <c>LayerNorm</c> do, so modules made of those
    /// alone, the encoder and the heads, need nothing). A model built in a helper that tidies its temporaries with a scope then lost weights when
    /// the scope ended: <c>forward</c> failed on a disposed tensor, and <c>parameters()</c> and <c>save</c> silently
    /// left them out.
    /// </summary>
    public static void DetachFromDisposeScopes(this nn.Module module)
    {
        foreach (var parameter in module.parameters()) parameter.DetachFromDisposeScope();
        foreach (var buffer in module.buffers()) buffer.DetachFromDisposeScope();
    }
}
