//! The command line: `juri [serve]`, `juri migrate`, `juri user create`, `juri backup FILE`.

use crate::config::Config;
use crate::db::{self, DatabaseUrl, DbConnection};
use crate::domain::role::Role;
use crate::services::users::{self, NewAccount};
use clap::{Parser, Subcommand};
use diesel::RunQueryDsl;

#[derive(Parser, Debug)]
#[command(
    name = "juri",
    version,
    about = "Judging of regional innovation contests"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Write a consistent copy of the SQLite database to FILE while the server may be running.
    Backup { file: std::path::PathBuf },
    /// Create a complete demo contest (Bailang template, sample innovations and judges), or with
    /// --scale a large generated contest for benchmarks.
    Demo {
        /// regency (200 entries, 15 judges) or national (30,000 entries, 1,000 judges)
        #[arg(long)]
        scale: Option<String>,
    },
    /// Fill the database with a generated contest of any size (benchmarks and load tests).
    Seed {
        #[arg(long, default_value_t = 400)]
        entries: usize,
        #[arg(long, default_value_t = 15)]
        judges: usize,
        #[arg(long, default_value_t = 3)]
        per_entry: usize,
        #[arg(long, default_value_t = 5)]
        criteria: usize,
        #[arg(long, default_value_t = 4)]
        clusters: usize,
        /// Leave every sheet unwritten and the contest in judging (for submission load tests).
        #[arg(long)]
        no_sheets: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account; the password comes from JURI_PASSWORD or a prompt.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, committee or judge
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "")]
        affiliation: String,
    },
}

pub fn run(cli: Cli) -> Result<(), String> {
    let config = Config::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::Migrate => {
            let pool = db::connect(&config.database_url, 1)?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let ran = db::migrate(&mut conn)?;
            println!("juri: {ran} migration(s) applied");
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    email,
                    name,
                    role,
                    affiliation,
                },
        } => {
            let role: Role = role
                .parse()
                .map_err(|_| format!("unknown role {role:?}: use admin, committee or judge"))?;
            let password = match std::env::var("JURI_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?,
            };
            let (pool, _) = crate::startup::prepare(&config)?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            let account = users::create(
                &mut conn,
                None,
                NewAccount {
                    email,
                    name,
                    role,
                    affiliation,
                    password,
                },
            )
            .map_err(|e| {
                let field = e.field.clone().unwrap_or_default();
                format!("{field}: {}", e.message.render(crate::i18n::Lang::En))
            })?;
            println!(
                "juri: created {} ({}) id {}",
                account.email, account.role, account.id
            );
            Ok(())
        }
        Command::Backup { file } => backup(&config, &file),
        Command::Demo { scale: None } => demo(&config),
        Command::Demo { scale: Some(scale) } => {
            let spec = match scale.as_str() {
                "regency" => crate::services::seed::SeedSpec::regency(),
                "national" => crate::services::seed::SeedSpec::national(),
                "national-staged" => crate::services::seed::SeedSpec::national_staged(),
                other => {
                    return Err(format!(
                        "unknown scale {other:?}: use regency, national or national-staged"
                    ))
                }
            };
            seed(&config, &spec)
        }
        Command::Seed {
            entries,
            judges,
            per_entry,
            criteria,
            clusters,
            no_sheets,
        } => {
            let spec = crate::services::seed::SeedSpec {
                clusters,
                entries,
                judges: judges.max(1),
                judges_per_entry: per_entry,
                criteria: criteria.clamp(1, 100),
                submitted: !no_sheets,
                phase: if no_sheets {
                    crate::model::Phase::Judging
                } else {
                    crate::model::Phase::Closed
                },
                staged: false,
            };
            seed(&config, &spec)
        }
    }
}

fn serve(config: Config) -> Result<(), String> {
    let bind = config.bind.clone();
    actix_web::rt::System::new().block_on(async move {
        let app = crate::startup::Application::build(config)?;
        tracing::info!(address = %bind, port = app.port(), "juri is listening");
        app.run_until_stopped().await.map_err(|e| e.to_string())
    })
}

/// Seeds a generated contest and prints its id and the judges' sign-in.
fn seed(config: &Config, spec: &crate::services::seed::SeedSpec) -> Result<(), String> {
    let (pool, _) = crate::startup::prepare(config)?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let (id, emails) = crate::services::seed::seed(&mut conn, spec).map_err(|e| e.to_string())?;
    eprintln!(
        "juri: seeded {} entries, {} judges in {:.1} s; judges' password {}",
        spec.entries,
        spec.judges,
        started.elapsed().as_secs_f64(),
        crate::services::seed::SEED_PASSWORD
    );
    println!("contest {id}");
    for email in emails {
        println!("judge {email}");
    }
    Ok(())
}

/// Creates the demo contest as the first admin.
fn demo(config: &Config) -> Result<(), String> {
    let (pool, _) = crate::startup::prepare(config)?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let admin = crate::db::users::list(&mut conn)
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|u| u.role == crate::model::Role::Admin && u.active)
        .ok_or("no active admin account")?;
    let actor = crate::services::auth::to_current(&admin).map_err(|e| e.to_string())?;
    let id =
        crate::services::demo::create(&mut conn, &actor, crate::services::demo::DemoKind::Bailang)
            .map_err(|e| e.message.render(crate::i18n::Lang::En))?;
    println!(
        "juri: demo contest created (id {id}); judges sign in with their email and the password {}",
        crate::services::demo::DEMO_PASSWORD
    );
    Ok(())
}

/// SQLite: `VACUUM INTO` writes a consistent snapshot without stopping the server.
/// PostgreSQL has its own tool for this.
fn backup(config: &Config, file: &std::path::Path) -> Result<(), String> {
    if !matches!(config.database_url, DatabaseUrl::Sqlite(_)) {
        return Err("backup of a PostgreSQL database: use pg_dump, e.g. `pg_dump -Fc -f juri.dump \"$DATABASE_URL\"`".into());
    }
    if file.exists() {
        return Err(format!(
            "{} already exists; choose a new file",
            file.display()
        ));
    }
    let pool = db::connect(&config.database_url, 1)?;
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    let DbConnection::Sqlite(sqlite) = &mut *conn else {
        return Err("not a SQLite database".into());
    };
    let target = file.to_string_lossy().to_string();
    diesel::sql_query("VACUUM INTO ?")
        .bind::<diesel::sql_types::Text, _>(&target)
        .execute(sqlite)
        .map_err(|e| format!("backup failed: {e}"))?;
    println!("juri: backup written to {}", file.display());
    Ok(())
}
