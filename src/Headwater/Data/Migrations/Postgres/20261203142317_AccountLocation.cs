using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Headwater.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountLocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Location",
                table: "Accounts",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Location",
                table: "Accounts");
        }
    }
}
