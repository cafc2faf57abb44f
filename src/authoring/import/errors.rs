//! The reader's errors in Swedish, for the lines `arkiv import` prints
//! (the readers' own messages stay English: they are developer-facing).

use super::docx::DocxError;
use crate::pdf::PdfError;

pub fn docx(e: &DocxError) -> String {
    #[allow(unreachable_patterns)]
    match e {
        DocxError::NotZip => {
            "inte en Word-fil (en .docx är ett zip-arkiv, och det är inte den här)".into()
        }
        DocxError::NoDocument => "inte en Word-fil: word/document.xml saknas".into(),
        DocxError::Xml(_) => "Word-filen är skadad: word/document.xml är inte giltig XML".into(),
        DocxError::TooLarge(part) => format!(
            "{part} packas upp till mer än {} MiB (en skadad fil eller en zip-bomb)",
            super::docx::PART_LIMIT >> 20
        ),
        DocxError::Encoding => "Word-filen är skadad: word/document.xml är inte UTF-8".into(),
        other => other.to_string(),
    }
}

pub fn pdf(e: &PdfError) -> String {
    #[allow(unreachable_patterns)]
    match e {
        PdfError::NotPdf => "inte en PDF (filen börjar inte med %PDF-)".into(),
        PdfError::Encrypted => {
            "PDF:en är lösenordsskyddad: spara en kopia utan skydd och importera den".into()
        }
        PdfError::Damaged(why) => format!("PDF:en är skadad eller avkortad ({why})"),
        PdfError::Truncated => {
            "PDF:en är avkortad (den slutar inte med %%EOF): filen kopierades eller sparades inte hel".into()
        }
        PdfError::TooLarge(what) => format!("PDF:en är för stor för att läsas ({what})"),
        other => other.to_string(),
    }
}
