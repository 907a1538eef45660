using System;

namespace DataMux;

/// <summary>
/// The user's own backbone in place of the Transformer encoder: the DataMux generator builds the token and position
/// embedding, the mux, the demux and the head around <see cref="Type"/>, which maps the multiplexed sequence
/// <c>[G, S, Hidden]</c> to <c>[G, S, Hidden]</c> (G groups of N inputs, S = the demux's prefix + the input length).
/// Paired with <see cref="MultiplexedAttribute"/> on a <c>partial</c> class, instead of <see cref="TransformerAttribute"/>.
/// </summary>
/// <remarks>
/// <para>The contract, checked at compile time (DMX0041-DMX0043): <see cref="Type"/> is a non-abstract, non-generic class
/// deriving (directly or not) from <c>TorchSharp.torch.nn.Module&lt;Tensor, Tensor&gt;</c>, accessible from the model, with a
/// constructor the generated code can call: one taking the width, <c>(int hidden)</c>, which gets <see cref="Hidden"/>, or
/// else a parameterless one. The model owns the module (it is registered as <c>encoder.module</c> in the state dict) and
/// checks at run time that it returns <c>[G, S, Hidden]</c>.</para>
/// <para>Padding: the module takes no mask. Positions where every input of a group is padding reach it as the mix of
/// padding embeddings; sentence tasks read the CLS position and token tasks leave padding out of losses and metrics, so
/// what it computes there is not read. A module that mixes positions (attention, convolution) lets them influence the
/// others, as the reference DataMUX code does when it runs its backbone without an attention mask.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BackboneAttribute : Attribute
{
    /// <summary>Names the backbone module type.</summary>
    /// <param name="type">A <c>Module&lt;Tensor, Tensor&gt;</c> mapping <c>[G, S, Hidden]</c> to <c>[G, S, Hidden]</c>.</param>
    public BackboneAttribute(Type type) => Type = type;

    /// <summary>The backbone module type.</summary>
    public Type Type { get; }

    /// <summary>Width d of every token representation, the width the module reads and returns.</summary>
    public int Hidden { get; set; } = 128;

    /// <summary>Longest input sequence accepted, in tokens (the multiplexing prefix is added on top).</summary>
    public int MaxLength { get; set; } = 128;

    /// <summary>Number of token ids the inputs may use: ids are in [0, Vocabulary).</summary>
    public int Vocabulary { get; set; } = 30522;

    /// <summary>The token id that marks padding in the inputs.</summary>
    public int PaddingToken { get; set; }

    /// <summary>Dropout probability of the generated embedding, in [0, 1) (the module's own dropout is its own).</summary>
    public double Dropout { get; set; } = 0.1;
}
