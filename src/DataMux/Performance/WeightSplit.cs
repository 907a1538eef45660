using System.Linq;

namespace DataMux.Performance;

/// <summary>
/// How a projection's weight <c>[outputs, inputs]</c> is cut into the two packed pieces that the encoder team
/// (<c>Native/team.c</c>, <c>dmx_layer</c>) multiplies with: by output rows or by input columns. Piece 0 takes the
/// larger half of the heads or columns; a piece may be empty.
/// </summary>
/// <remarks>
/// Two pieces let two threads share one product by its weights (the team's pair split: each thread multiplies every
/// row with its piece) as well as by its rows (the row split: each thread multiplies its rows with both pieces, which
/// ran as fast as one whole packed weight). One set of pieces serves both, so the packed copies take the memory of one.
/// </remarks>
internal sealed class WeightSplit
{
    private WeightSplit(int[]? outputOrder, int firstPieceOutputs, int firstPieceInputs)
    {
        OutputOrder = outputOrder;
        FirstPieceOutputs = firstPieceOutputs;
        FirstPieceInputs = firstPieceInputs;
        KeepsOutputOrder = outputOrder is null || outputOrder.Select((row, i) => row == i).All(same => same);
    }

    /// <summary>
    /// For a split by outputs, the weight's rows in packed order (piece 0 is the first <see cref="FirstPieceOutputs"/>
    /// of them); null for a split by inputs.
    /// </summary>
    public int[]? OutputOrder { get; }

    /// <summary>Output rows in piece 0 (split by outputs).</summary>
    public int FirstPieceOutputs { get; }

    /// <summary>Input columns in piece 0 (split by inputs).</summary>
    public int FirstPieceInputs { get; }

    /// <summary>Whether the packed order of the outputs is the weight's own.</summary>
    public bool KeepsOutputOrder { get; }

    /// <summary>
    /// The fused query-key-value projection <c>[3d, d]</c> of <paramref name="heads"/> heads, by outputs along heads:
    /// piece t holds the queries, then keys, then values of its heads (the first <c>heads - heads / 2</c> heads in
    /// piece 0), so its product is everything attention needs for those heads.
    /// </summary>
    public static WeightSplit QueryKeyValue(int hidden, int heads)
    {
        var (headWidth, firstHeads) = (hidden / heads, heads - heads / 2);
        int[] Piece(int firstHead, int count) =>
            Enumerable.Range(0, 3).SelectMany(part => Enumerable.Range(part * hidden + firstHead * headWidth, count * headWidth)).ToArray();
        var order = Piece(0, firstHeads).Concat(Piece(firstHeads, heads - firstHeads)).ToArray();
        return new WeightSplit(order, 3 * firstHeads * headWidth, 0);
    }

    /// <summary>By outputs, in the weight's own order: piece 0 holds the first <c>outputs - outputs / 2</c> rows.</summary>
    public static WeightSplit Outputs(int outputs) =>
        new(Enumerable.Range(0, outputs).ToArray(), outputs - outputs / 2, 0);

    /// <summary>By inputs: piece 0 multiplies the first <paramref name="firstPieceInputs"/> input columns.</summary>
    public static WeightSplit Inputs(int firstPieceInputs) => new(null, 0, firstPieceInputs);
}
