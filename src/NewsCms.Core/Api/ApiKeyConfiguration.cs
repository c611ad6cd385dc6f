using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Api;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> k)
    {
        k.Property(x => x.Name).HasMaxLength(FieldLimits.ApiKeyName).IsRequired();
        k.Property(x => x.Scope).HasConversion<string>().HasMaxLength(16);
        k.Property(x => x.Prefix).HasMaxLength(ApiKeyService.PrefixLength).IsRequired();
        k.Property(x => x.Hash).HasMaxLength(64).IsRequired();
        k.Property(x => x.CreatedBy).HasMaxLength(FieldLimits.Actor);
        k.HasIndex(x => x.Prefix);
        k.HasIndex(x => x.Hash).IsUnique();
    }
}
