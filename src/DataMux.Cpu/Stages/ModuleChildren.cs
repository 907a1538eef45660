using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>
/// Reads a module's registered submodules by their state-dict names (the names a checkpoint stores, which the model
/// files keep stable), so that the engine finds the weights it packs and fuses without hooks in the model's code.
/// </summary>
internal static class ModuleChildren
{
    /// <summary>The child <paramref name="name"/> of <paramref name="module"/> as a <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The module has no such child: the model's layout is not the one the engine knows.</exception>
    public static T Get<T>(nn.Module module, string name) where T : nn.Module
    {
        var child = module.named_children().FirstOrDefault(c => c.name == name).module;
        return child as T ?? throw new InvalidOperationException(
            $"Expected {module.GetName()} to have a registered {typeof(T).Name} named '{name}' (its state-dict name), but " +
            (child is null ? "it has none" : $"'{name}' is a {child.GetType().Name}") + ".");
    }
}
