using System.Linq;

namespace DataMux.Cpu;

/// <summary>
/// How a projection's weight <c>[outputs, inputs]</c> is cut into the two packed pieces that the encoder team
/// (<c>Native/team.c</c>, <c>dmx_layer</c>) multiplies with: by output rows or by input columns. Piece 0 takes the
/// larger half of the heads or columns (<see cref="LargerHalf"/>, the rule <c>team.c</c> follows too); a piece may be
/// empty.
/// </summary>
/// <remarks>
/// Two pieces let two threads share one product by its weights (the team's pair split: each thread multiplies every
/// row with its piece) as well as by its rows (the row split: each thread multiplies its rows with both pieces, which
/// ran as fast as one whole packed weight). One set of pieces serves both, so the packed copies take the memory of one.
/// </remarks>
internal sealed class WeightSplit
{
    private WeightSplit(bool byOutputs, int firstPiece, int[]? outputOrder)
    {
        ByOutputs = byOutputs;
        FirstPiece = firstPiece;
        OutputOrder = outputOrder;
    }

    /// <summary>Whether the pieces are blocks of output rows (else blocks of input columns).</summary>
    public bool ByOutputs { get; }

    /// <summary>Output rows (by outputs) or input columns (by inputs) in piece 0.</summary>
    public int FirstPiece { get; }

    /// <summary>
    /// By outputs, the weight's rows in packed order where that is not their own (piece 0 is the first
    /// <see cref="FirstPiece"/> of them); null otherwise.
    /// </summary>
    public int[]? OutputOrder { get; }

    /// <summary>The share of <paramref name="count"/> heads or columns in piece 0.</summary>
    public static int LargerHalf(int count) => count - count / 2;

    /// <summary>
    /// The fused query-key-value projection <c>[3d, d]</c> of <paramref name="heads"/> heads, by outputs along heads:
    /// piece t holds the queries, then keys, then values of its heads, so its product is everything attention needs
    /// for those heads.
    /// </summary>
    public static WeightSplit QueryKeyValue(int hidden, int heads)
    {
        var (headWidth, firstHeads) = (hidden / heads, LargerHalf(heads));
        int[] Piece(int firstHead, int count) =>
            Enumerable.Range(0, 3).SelectMany(part => Enumerable.Range(part * hidden + firstHead * headWidth, count * headWidth)).ToArray();
        var order = Piece(0, firstHeads).Concat(Piece(firstHeads, heads - firstHeads)).ToArray();
        return new WeightSplit(true, 3 * firstHeads * headWidth, order);
    }

    /// <summary>The attention's output projection <c>[d, d]</c>, by inputs along heads: piece t reads the context of piece t's heads.</summary>
    public static WeightSplit AlongHeads(int hidden, int heads) => new(false, LargerHalf(heads) * (hidden / heads), null);

    /// <summary>By outputs, in halves of the weight's own order.</summary>
    public static WeightSplit OutputHalves(int outputs) => new(true, LargerHalf(outputs), null);

    /// <summary>By inputs, in halves.</summary>
    public static WeightSplit InputHalves(int inputs) => new(false, LargerHalf(inputs), null);
}
