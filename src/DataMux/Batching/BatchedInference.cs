using System;
using System.Collections.Generic;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Batching;

/// <summary>
/// Runs a model over any number of rows in fixed-size chunks, in evaluation mode and under
/// <c>torch.inference_mode()</c>, so that large inputs neither build autograd graphs nor hold every intermediate
/// activation at once.
/// </summary>
public static class BatchedInference
{
    /// <summary>
    /// Predicts <paramref name="tokens"/> (<c>[rows, L]</c>) chunk by chunk and concatenates the outputs in input
    /// order. The model is switched to evaluation mode for the call and its previous training flags are restored
    /// afterwards, even when the model throws; concurrent calls on one model (from several threads) share the
    /// evaluation mode, and the last to finish restores the flags. For a multiplexed model given more rows than <paramref name="rowsPerBatch"/>,
    /// <paramref name="rowsPerBatch"/> must be a multiple of N (or use <see cref="PredictInGroups"/>): every chunk is
    /// grouped on its own, so another size would put rows in other groups than one forward call does, and their
    /// predictions would depend on the chunk size.
    /// The returned tensor was created in inference mode: use it for metrics and predictions, not in autograd.
    /// </summary>
    /// <param name="model">The model; <paramref name="tokens"/> must already be on its device.</param>
    /// <param name="tokens">Input rows, <c>[rows, ...]</c>, <c>rows &gt;= 1</c>.</param>
    /// <param name="rowsPerBatch">Rows per forward call (at least 1).</param>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor tokens, int rowsPerBatch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        if (rowsPerBatch < 1) throw new ArgumentOutOfRangeException(nameof(rowsPerBatch), rowsPerBatch, "Expected at least 1 row per batch.");
        if (tokens.dim() < 1 || tokens.shape[0] < 1)
            throw new ArgumentException($"Expected at least one row, but got shape {TokenChecks.Format(tokens.shape)}.", nameof(tokens));
        // One chunk (rows <= rowsPerBatch) is one forward call, whose grouping is the model's own: any size serves it.
        if (model is IMultiplexedModel multiplexed && rowsPerBatch % multiplexed.Configuration.N != 0 && tokens.shape[0] > rowsPerBatch)
        {
            var n = multiplexed.Configuration.N;
            throw new ArgumentException(
                $"Expected rows per batch in whole groups of {multiplexed.Configuration.ModelName}'s N = {n}, but got {rowsPerBatch}: " +
                $"each chunk is grouped on its own, so rows would be multiplexed with other rows than in one forward call. " +
                $"Use {Math.Max(n, rowsPerBatch / n * n)} (or PredictInGroups).", nameof(rowsPerBatch));
        }

        var rows = tokens.shape[0];
        var lease = EvaluationLease.Enter(model);
        try
        {
            using var inference = torch.inference_mode();
            if (rows <= rowsPerBatch) return model.forward(tokens);

            var outputs = new List<Tensor>((int)((rows + rowsPerBatch - 1) / rowsPerBatch));
            try
            {
                for (long start = 0; start < rows; start += rowsPerBatch)
                {
                    using var scope = torch.NewDisposeScope();
                    var chunk = tokens.narrow(0, start, Math.Min(rowsPerBatch, rows - start));
                    outputs.Add(scope.MoveToOuter(model.forward(chunk)));
                }

                return torch.cat(outputs, 0);
            }
            finally
            {
                foreach (var output in outputs) output.Dispose();
            }
        }
        finally
        {
            lease.Exit();
        }
    }

    /// <summary>
    /// <see cref="Predict"/> for a multiplexed model, with the chunk size given in whole groups
    /// (<paramref name="groupsPerBatch"/> · N rows), so that only the very last chunk can need filler rows.
    /// </summary>
    /// <param name="model">A generated model; <paramref name="tokens"/> must already be on its device.</param>
    /// <param name="tokens">Input rows, <c>[rows, L]</c>.</param>
    /// <param name="groupsPerBatch">Multiplexed groups per forward call (at least 1).</param>
    public static Tensor PredictInGroups<TModel>(this TModel model, Tensor tokens, int groupsPerBatch = 16)
        where TModel : nn.Module<Tensor, Tensor>, IMultiplexedModel
    {
        ArgumentNullException.ThrowIfNull(model);
        if (groupsPerBatch < 1) throw new ArgumentOutOfRangeException(nameof(groupsPerBatch), groupsPerBatch, "Expected at least 1 group per batch.");
        // Past int's range the batch would be larger than any input anyway: one call then takes every row (the most
        // whole groups an int counts).
        var n = model.Configuration.N;
        return Predict(model, tokens, (int)Math.Min(int.MaxValue / n * n, (long)groupsPerBatch * n));
    }
}
