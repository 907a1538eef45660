using System;
using System.Linq;
using DataMux;
using DataMux.Batching;
using TorchSharp;
using static TorchSharp.torch;

namespace Throughput.Measurement;

/// <summary>Instances per second of the public batching path and of raw forward calls on the same rows.</summary>
internal sealed record BatchingResult(string Model, int Rows, int RowsPerCall, double PublicPerSecond, double RawPerSecond);

/// <summary>
/// The public path (<see cref="BatchedInference.Predict"/> over an arbitrary number of rows, with padding) against
/// raw <c>forward</c> calls on the same chunks, interleaved.
/// </summary>
internal static class BatchingPath
{
    /// <summary>Rows of random length in [L/2, L], padded with the padding id, so padding masks are exercised.</summary>
    public static Tensor PaddedRows(ModelConfiguration c, int rows, int seed)
    {
        var tokens = Workload.RandomTokens(rows, c.MaxLength, c.Vocabulary, seed);
        var random = new Random(seed);
        using var scope = torch.NewDisposeScope(); // the row views; tokens itself was made outside it
        using var padding = c.PaddingToken.ToScalar(); // held: an implicit one can be freed during the call (README)
        for (var row = 0; row < rows; row++)
        {
            var length = random.Next(c.MaxLength / 2, c.MaxLength + 1);
            if (length < c.MaxLength) tokens[row].narrow(0, length, c.MaxLength - length).fill_(padding);
        }

        return tokens;
    }

    public static BatchingResult Measure(IMultiplexedModel model, int rows, int warmup, int runs)
    {
        var c = model.Configuration;
        var module = (nn.Module<Tensor, Tensor>)model;
        var rowsPerCall = Workload.For(c).Rows;
        using var tokens = PaddedRows(c, rows, seed: 7);
        var publicCase = new TimedCase("public", rows, () => BatchedInference.Predict(module, tokens, rowsPerCall));
        var rawCase = new TimedCase("raw", rows, () =>
        {
            for (long start = 0; start < rows; start += rowsPerCall)
            {
                using var scope = torch.NewDisposeScope();
                module.forward(tokens.narrow(0, start, Math.Min(rowsPerCall, rows - start)));
            }
        });
        var times = InterleavedTimer.Run(new[] { publicCase, rawCase }, warmup, runs: Math.Max(1, runs), sliceSeconds: 0);
        return new BatchingResult(c.ModelName, rows, rowsPerCall,
            rows / InterleavedTimer.Median(times[publicCase]), rows / InterleavedTimer.Median(times[rawCase]));
    }
}
