using System;
using System.Linq;
using System.Security.Cryptography;
using DataMux.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Training;

/// <summary>Checks and facts about the rows a run trains on.</summary>
internal static class TrainingData
{
    /// <summary>Checks tokens and labels against the model's configuration, with messages that name what is wrong.</summary>
    public static void Check(ModelConfiguration configuration, Tensor tokens, Tensor labels, string parameter)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(labels);
        TokenChecks.Validate(tokens, configuration.ModelName, configuration.MaxLength, configuration.Vocabulary);
        var tokenTask = configuration.Task == ModelTask.TokenClassification;
        var expected = tokenTask ? $"[{tokens.shape[0]}, {tokens.shape[1]}]" : $"[{tokens.shape[0]}]";
        var shapeMatches = tokenTask
            ? labels.dim() == 2 && labels.shape[0] == tokens.shape[0] && labels.shape[1] == tokens.shape[1]
            : labels.dim() == 1 && labels.shape[0] == tokens.shape[0];
        if (!shapeMatches)
            throw new ArgumentException($"{configuration.ModelName} expects labels of shape {expected} for its tokens, but got shape {TokenChecks.Format(labels.shape)}.", parameter);
        if (labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"{configuration.ModelName} expects labels of dtype {ScalarType.Int64}, but got {labels.dtype}.", parameter);

        using var scope = torch.NewDisposeScope();
        var counted = tokenTask ? labels.masked_select(labels.ne(MultiplexedTrainer.Ignored)) : labels;
        if (counted.numel() == 0)
        {
            // Every position ignored: the loss would be NaN at every step.
            throw new ArgumentException(
                $"{configuration.ModelName} needs at least one label that counts, but every position is labelled {MultiplexedTrainer.IgnoreLabel} (ignored).", parameter);
        }

        var minimum = counted.min().item<long>();
        var maximum = counted.max().item<long>();
        if (minimum < 0 || maximum >= configuration.Outputs)
        {
            var ignore = tokenTask ? $" (or {MultiplexedTrainer.IgnoreLabel} for ignored positions)" : string.Empty;
            throw new ArgumentException(
                $"{configuration.ModelName} expects labels in [0, {configuration.Outputs}){ignore}, but got labels from {minimum} to {maximum}.", parameter);
        }
    }

    /// <summary>The device of the model's first parameter (the CPU for a model without any).</summary>
    public static Device DeviceOf(nn.Module model) => model.parameters().FirstOrDefault()?.device ?? torch.CPU;

    /// <summary>
    /// The rows a phase can learn from, as indices <c>[R]</c> int64: the warm-up skips rows that are all padding (no
    /// token to retrieve), a token task rows whose every label is ignored (no loss).
    /// </summary>
    public static Tensor UsableRows(TrainingPhase phase, ModelConfiguration configuration, Tensor tokens, Tensor? labels)
    {
        using var scope = torch.NewDisposeScope();
        Tensor usable;
        if (phase == TrainingPhase.Warmup)
        {
            using var padding = ((long)configuration.PaddingToken).ToScalar(); // held: see HeldScalars
            usable = tokens.ne(padding).any(1);
        }
        else if (configuration.Task == ModelTask.TokenClassification)
        {
            usable = labels!.ne(MultiplexedTrainer.Ignored).any(1);
        }
        else
        {
            usable = torch.ones(tokens.shape[0], dtype: ScalarType.Bool, device: tokens.device);
        }

        return scope.MoveToOuter(usable.cpu().nonzero().flatten());
    }

    /// <summary>A SHA-256 of the tensors' dtypes, shapes and values: a checkpoint records the data it was trained on.</summary>
    public static string Fingerprint(params Tensor?[] tensors)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var scope = torch.NewDisposeScope();
        foreach (var tensor in tensors)
        {
            if (tensor is null) { hash.AppendData("none"u8); continue; }
            var cpu = tensor.detach().cpu().contiguous();
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{cpu.dtype}{TokenChecks.Format(cpu.shape)};"));
            hash.AppendData(cpu.bytes);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
