using System;
using System.Collections.Generic;

namespace StretchBindings.Generator.Planning;

/// <summary>Names taken in one scope (a namespace, a class) and what took each.</summary>
internal sealed class NameScope
{
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public void Claim(string name, string owner) => _owners[name] = owner;

    public bool TryClaim(string name, string owner)
    {
        if (_owners.ContainsKey(name))
        {
            return false;
        }

        _owners[name] = owner;
        return true;
    }

    /// <summary>
    /// Claims <paramref name="name"/>, or the first free <paramref name="candidate"/>(name, 1, 2…) when it
    /// is taken; <paramref name="owner"/> is then what holds the name, for the clash's message.
    /// </summary>
    public string ClaimOrRename(string name, string what, Func<string, int, string> candidate, out string? owner)
    {
        if (_owners.TryGetValue(name, out owner))
        {
            for (int i = 1; ; i++)
            {
                string renamed = candidate(name, i);
                if (TryClaim(renamed, what))
                {
                    return renamed;
                }
            }
        }

        _owners[name] = what;
        return name;
    }
}
