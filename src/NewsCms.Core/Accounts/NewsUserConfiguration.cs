using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NewsCms.Common;

namespace NewsCms.Accounts;

public sealed class NewsUserConfiguration : IEntityTypeConfiguration<NewsUser>
{
    public void Configure(EntityTypeBuilder<NewsUser> u)
    {
        u.Property(x => x.DisplayName).HasMaxLength(FieldLimits.PersonName).IsRequired();
    }
}
