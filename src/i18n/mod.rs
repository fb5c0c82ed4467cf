//! The string catalog: every word the UI or an error message shows, in Bahasa Indonesia (the
//! default) and English. Keys are enum variants so a missing translation is a compile error,
//! not a blank on a judge's phone.
//!
//! Messages with `{}` placeholders are filled in order by [`Text`].

pub mod analysis;
pub mod documents;
pub mod entrants;
pub mod judging;
pub mod proposal;
pub mod results;
pub mod setup;
pub mod stages;

use serde::{Deserialize, Serialize};

/// The two languages of the UI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Id = 0,
    En = 1,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" | "in" | "id-id" => Some(Lang::Id),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first language of an `Accept-Language` header that juri speaks; Indonesian otherwise.
    pub fn from_accept_language(header: &str) -> Lang {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(|tag| Lang::from_code(tag.split('-').next().unwrap_or(tag)))
            .unwrap_or_default()
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }
}

/// Declares a catalog: an enum of keys with their Indonesian and English text. Each area of
/// juri keeps its own catalog module (`i18n::setup`, `i18n::judging`, …) built with this macro.
#[macro_export]
macro_rules! catalog {
    ($name:ident; $($key:ident => $id:expr, $en:expr;)*) => {
        /// A catalog key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// The message in `lang`.
            pub fn get(self, lang: $crate::i18n::Lang) -> &'static str {
                self.both()[lang as usize]
            }

            /// Indonesian and English, in that order.
            pub fn both(self) -> [&'static str; 2] {
                match self {
                    $( $name::$key => [$id, $en], )*
                }
            }

            /// The key's name, e.g. `ErrNotInSetup`: what an error's stable `reason` is made of.
            pub fn key(self) -> &'static str {
                match self {
                    $( $name::$key => stringify!($key), )*
                }
            }

            /// Every key, for the catalog's own tests.
            pub const ALL: &'static [$name] = &[$($name::$key),*];
        }

        impl From<$name> for $crate::i18n::Text {
            fn from(msg: $name) -> Self {
                $crate::i18n::Text { key: msg.key(), texts: msg.both(), args: Vec::new() }
            }
        }
    };
}

/// Checks a catalog: both languages present, the same placeholders in each.
#[cfg(test)]
pub fn check_catalog(all: &[[&'static str; 2]]) {
    for [id, en] in all {
        assert!(!id.is_empty() && !en.is_empty(), "{id} / {en}");
        assert_eq!(
            id.matches("{}").count(),
            en.matches("{}").count(),
            "{id} / {en}"
        );
    }
}

catalog! {
    Msg;
    AppName => "juri", "juri";
    AppTagline => "Penilaian lomba inovasi daerah", "Judging of regional innovation contests";
    NavHome => "Beranda", "Home";
    NavUsers => "Pengguna", "Users";
    NavContests => "Lomba", "Contests";
    NavAccount => "Akun", "Account";
    NavLogout => "Keluar", "Sign out";
    NavLogin => "Masuk", "Sign in";
    SwitchLanguage => "English", "Bahasa Indonesia";
    RoleAdmin => "Admin", "Admin";
    RoleCommittee => "Panitia", "Committee";
    RoleJudge => "Juri", "Judge";
    RoleEntrant => "Pengusul", "Entrant";
    LoginTitle => "Masuk ke juri", "Sign in to juri";
    LoginIntro => "Masuk dengan email dan kata sandi yang diberikan panitia.", "Sign in with the email and password the committee gave you.";
    FieldEmail => "Email", "Email";
    FieldPassword => "Kata sandi", "Password";
    FieldName => "Nama", "Name";
    FieldRole => "Peran", "Role";
    FieldAffiliation => "Instansi", "Affiliation";
    FieldStatus => "Status", "Status";
    ColActions => "Tindakan", "Actions";
    FieldCurrentPassword => "Kata sandi saat ini", "Current password";
    FieldNewPassword => "Kata sandi baru", "New password";
    ButtonLogin => "Masuk", "Sign in";
    ButtonSave => "Simpan", "Save";
    ButtonCreate => "Buat", "Create";
    ButtonResetPassword => "Atur ulang kata sandi", "Reset password";
    ButtonDeactivate => "Nonaktifkan", "Deactivate";
    ButtonChangePassword => "Ganti kata sandi", "Change password";
    StatusActive => "Aktif", "Active";
    StatusInactive => "Nonaktif", "Inactive";
    HomeWelcome => "Selamat datang, {}", "Welcome, {}";
    HomeAdminIntro => "Sebagai admin, Anda mengelola akun panitia dan juri serta menyiapkan lomba.", "As an admin you manage committee and judge accounts and set up contests.";
    HomeCommitteeIntro => "Sebagai panitia, Anda menyiapkan lomba, memantau penilaian, dan menetapkan pemenang.", "As the committee you set up contests, monitor judging and decide the winners.";
    HomeEntrantIntro => "Sebagai pengusul, Anda mendaftarkan inovasi unit Anda beserta dokumennya dan mengikuti hasilnya.", "As an entrant you file your unit's innovations with their documents and follow their results.";
    HomeJudgeIntro => "Sebagai juri, Anda menilai inovasi yang ditugaskan kepada Anda.", "As a judge you score the innovations assigned to you.";
    UsersTitle => "Pengguna", "Users";
    UsersCreateTitle => "Tambah pengguna", "Add a user";
    UsersCreated => "Pengguna dibuat.", "User created.";
    UsersPasswordReset => "Kata sandi diatur ulang; sesi lama pengguna ini berakhir.", "Password reset; this user's old sessions have ended.";
    UsersDeactivated => "Pengguna dinonaktifkan.", "User deactivated.";
    AccountTitle => "Akun saya", "My account";
    PasswordChanged => "Kata sandi diganti. Silakan masuk lagi di perangkat lain.", "Password changed. Sign in again on your other devices.";
    LoggedOut => "Anda telah keluar.", "You have signed out.";
    ErrorTitle => "Terjadi masalah", "Something went wrong";
    ErrorBackHome => "Kembali ke beranda", "Back to home";
    ErrInvalidCredentials => "Email atau kata sandi salah.", "Wrong email or password.";
    ErrUnauthenticated => "Silakan masuk terlebih dahulu.", "Please sign in first.";
    ErrTokenInvalid => "Sesi tidak sah atau sudah berakhir; silakan masuk lagi.", "Your session is invalid or has ended; please sign in again.";
    ErrForbidden => "Anda tidak berwenang untuk tindakan ini.", "You are not allowed to do this.";
    ErrNotFound => "Tidak ditemukan.", "Not found.";
    ErrRouteNotFound => "Halaman atau alamat API ini tidak ada.", "This page or API path does not exist.";
    ErrTooManyAttempts => "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {} detik.", "Too many failed sign-in attempts. Try again in {} seconds.";
    ErrPayloadTooLarge => "Data yang dikirim terlalu besar (maksimum {} KB).", "The data sent is too large (at most {} KB).";
    ErrMalformedJson => "Data JSON tidak dapat dibaca: {}", "The JSON body cannot be read: {}";
    ErrMalformedForm => "Isian formulir tidak dapat dibaca: {}", "The form cannot be read: {}";
    ErrContentType => "Jenis konten tidak didukung; kirim application/json.", "Unsupported content type; send application/json.";
    ErrBadPath => "Alamat tidak sah: {}", "Invalid address: {}";
    ErrBadQuery => "Parameter tidak sah: {}", "Invalid parameter: {}";
    ErrBadId => "Bukan UUID yang sah.", "Not a valid UUID.";
    ErrCsrf => "Permintaan ditolak: asal formulir tidak dapat dipastikan (perlindungan CSRF). Muat ulang halaman lalu coba lagi.", "Request refused: the form's origin could not be verified (CSRF protection). Reload the page and try again.";
    ErrInternal => "Terjadi kesalahan pada server. Kejadian ini sudah dicatat.", "The server ran into an error. It has been logged.";
    ErrUnavailable => "Layanan sedang sibuk; coba lagi sebentar lagi.", "The service is busy; try again shortly.";
    ErrStorageFull => "Penyimpanan server penuh: data ini belum tersimpan. Coba lagi nanti; pengelola server perlu mengosongkan ruang disk.", "The server's storage is full: this was not saved. Try again later; the server's administrator must free disk space.";
    ErrStorageFailed => "Penyimpanan server bermasalah: data ini belum tersimpan. Coba lagi nanti.", "The server's storage failed: this was not saved. Try again later.";
    ErrRequired => "Wajib diisi.", "Required.";
    ErrTooLong => "Terlalu panjang (maksimum {} karakter).", "Too long (at most {} characters).";
    ErrEmailInvalid => "Bukan alamat email yang sah.", "Not a valid email address.";
    ErrHiddenCharacter => "Mengandung karakter tak terlihat atau karakter kendali; ketik ulang, jangan menyalin.", "Contains an invisible or control character; type it again rather than pasting it.";
    ErrEmailTaken => "Email ini sudah dipakai akun lain.", "This email is already used by another account.";
    ErrPasswordShort => "Kata sandi minimal {} karakter.", "The password needs at least {} characters.";
    ErrRoleInvalid => "Peran harus salah satu dari: admin, committee, judge.", "Role must be one of: admin, committee, judge.";
    ErrWrongPassword => "Kata sandi saat ini salah.", "The current password is wrong.";
    ErrCannotDeactivateSelf => "Anda tidak dapat menonaktifkan akun Anda sendiri.", "You cannot deactivate your own account.";
}

/// The words for what `domain::validate` found wrong.
impl From<crate::domain::validate::Invalid> for Text {
    fn from(invalid: crate::domain::validate::Invalid) -> Self {
        use crate::domain::validate::Invalid;
        match invalid {
            Invalid::Required => Msg::ErrRequired.into(),
            Invalid::TooLong { max } => Text::with(Msg::ErrTooLong, [max]),
            Invalid::EmailInvalid => Msg::ErrEmailInvalid.into(),
            Invalid::PasswordShort { min } => Text::with(Msg::ErrPasswordShort, [min]),
            Invalid::HiddenCharacter => Msg::ErrHiddenCharacter.into(),
        }
    }
}

/// A message key with its arguments, rendered in the reader's language at the last moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The catalog key's name (`ErrStale`), from which an error's `reason` is derived.
    pub key: &'static str,
    /// The message in Indonesian and in English.
    pub texts: [&'static str; 2],
    pub args: Vec<Arg>,
}

/// A value filled into a message: plain text, or another message rendered in the same language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Plain(String),
    Text(Box<Text>),
}

impl From<Text> for Arg {
    fn from(t: Text) -> Self {
        Arg::Text(Box::new(t))
    }
}

impl Text {
    pub fn new(msg: impl Into<Text>) -> Self {
        msg.into()
    }

    pub fn with(msg: impl Into<Text>, args: impl IntoIterator<Item = impl ToString>) -> Self {
        let mut text = msg.into();
        text.args = args
            .into_iter()
            .map(|a| Arg::Plain(a.to_string()))
            .collect();
        text
    }

    /// A message whose arguments may themselves be messages.
    pub fn nest(msg: impl Into<Text>, args: Vec<Arg>) -> Self {
        let mut text = msg.into();
        text.args = args;
        text
    }

    /// Fills each `{}` of the message with the next argument.
    pub fn render(&self, lang: Lang) -> String {
        let template = self.texts[lang as usize];
        let mut out = String::with_capacity(template.len() + 16);
        let mut args = self.args.iter();
        let mut rest = template;
        while let Some(pos) = rest.find("{}") {
            out.push_str(&rest[..pos]);
            match args.next() {
                Some(Arg::Plain(s)) => out.push_str(s),
                Some(Arg::Text(t)) => out.push_str(&t.render(lang)),
                None => {}
            }
            rest = &rest[pos + 2..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_both_languages() {
        for msg in Msg::ALL {
            assert!(!msg.get(Lang::Id).is_empty(), "{msg:?} id");
            assert!(!msg.get(Lang::En).is_empty(), "{msg:?} en");
            let holes = |s: &str| s.matches("{}").count();
            assert_eq!(
                holes(msg.get(Lang::Id)),
                holes(msg.get(Lang::En)),
                "{msg:?}"
            );
        }
    }

    #[test]
    fn placeholders_are_filled_in_order() {
        let t = Text::with(Msg::ErrTooManyAttempts, [42]);
        assert_eq!(
            t.render(Lang::En),
            "Too many failed sign-in attempts. Try again in 42 seconds."
        );
        assert!(t.render(Lang::Id).contains("42 detik"));
    }

    #[test]
    fn accept_language_prefers_what_juri_speaks() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_accept_language("fr-FR, id;q=0.8"), Lang::Id);
        assert_eq!(Lang::from_accept_language("de"), Lang::Id);
    }
}
