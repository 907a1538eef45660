using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>
/// The masked warm-up (<see cref="TrainingOptions.WarmupMasking"/>): some content tokens of every input are replaced by
/// a mask id before the mux, and the retrieval head must name them. DataMUX's retrieval of visible tokens can be solved
/// by demultiplexing alone; a hidden token can only be told from its own input's neighbours, so this objective makes
/// the backbone carry every input's context through the mix, which is what token tasks need of it. The mask id is the
/// layout's filler token (a special id that content never holds).
/// </summary>
internal static class MaskedRetrieval
{
    /// <summary>
    /// Hides each non-padding token of <paramref name="tokens"/> <c>[rows, L]</c> with probability
    /// <paramref name="share"/>. Returns the masked tokens, the hidden positions <c>[rows, L]</c> bool and the original
    /// tokens; new tensors in the caller's dispose scope.
    /// </summary>
    public static (Tensor Masked, Tensor Hidden, Tensor Original) Mask(Tensor tokens, double share, TokenLayout layout, Generator generator)
    {
        using var padding = ((long)layout.PaddingToken).ToScalar(); // held: see HeldScalars
        using var probability = share.ToScalar();
        using var mask = layout.Filler.ToScalar();
        var hidden = torch.rand(tokens.shape, generator: generator).to(tokens.device).lt(probability).logical_and_(tokens.ne(padding));
        return (tokens.masked_fill(hidden, mask), hidden, tokens);
    }

    /// <summary>
    /// The retrieval pairs <c>[K, 3]</c> (group, input, position) of the hidden positions, row r being input r mod N of
    /// group r div N, and their original tokens <c>[K]</c>.
    /// </summary>
    public static (Tensor Pairs, Tensor Targets) Targets(Tensor hidden, Tensor original, int n)
    {
        var where = hidden.nonzero();                                   // [K, 2]: row, position
        var rows = where.select(1, 0);
        using var width = ((long)n).ToScalar(); // held: see HeldScalars
        var pairs = torch.stack(new[] { rows.div(width, RoundingMode.floor), rows.remainder(width), where.select(1, 1) }, 1);
        return (pairs, original.masked_select(hidden));
    }
}
