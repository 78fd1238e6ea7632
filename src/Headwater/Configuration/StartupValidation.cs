using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Headwater.Configuration;

/// <summary>What a generic host does as it starts, for the CLI, which builds its services without one: every option
/// registered with <c>ValidateOnStart</c> is checked once, so a bad setting stops the command before it does anything.</summary>
public static class StartupValidation
{
    /// <summary>The services, once their options are valid.</summary>
    /// <param name="services">Disposed when an option is not valid.</param>
    /// <exception cref="OptionsValidationException">One option's problems, each in <c>Failures</c>.</exception>
    /// <exception cref="AggregateException">Several options' problems, each an <see cref="OptionsValidationException"/>.</exception>
    public static ServiceProvider Validated(this ServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return services;
        }
        catch
        {
            services.Dispose();
            throw;
        }
    }

    /// <summary>Every problem an options failure names, or null when <paramref name="exception"/> is not one.</summary>
    public static IReadOnlyList<string>? Problems(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)],
        _ => null,
    };
}
