//! A country, as an ISO 3166-1 alpha-2 code.

use serde::{Deserialize, Serialize};

use super::Invalid;

/// Two ASCII letters, upper case (`BR`); any case and surrounding spaces are accepted.
/// Whether the code is assigned is not checked: carriers and merchants use reserved ones
/// (`XK`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);

impl Country {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let code = raw.trim();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Self(code.to_ascii_uppercase()))
        } else {
            Err(Invalid::new("an ISO 3166 two-letter code such as BR"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Two letters, or one of the 249 ISO 3166-1 alpha-3 codes (`BRA`), as files exported
    /// from other tools write them.
    pub fn parse_alpha2_or_3(raw: &str) -> Result<Self, Invalid> {
        let code = raw.trim();
        if code.len() != 3 {
            return Self::parse(code);
        }
        let upper = code.to_ascii_uppercase();
        ALPHA3
            .iter()
            .flat_map(|line| line.as_bytes().chunks(5))
            .find(|pair| pair[..3] == *upper.as_bytes())
            .map(|pair| Self(String::from_utf8_lossy(&pair[3..]).into_owned()))
            .ok_or_else(|| Invalid::new("an ISO 3166 code such as BR or BRA"))
    }
}

/// ISO 3166-1: alpha-3 then alpha-2, five letters a country, sorted (from Debian's
/// `iso-codes`, `iso_3166-1.json`).
const ALPHA3: [&str; 15] = [
    "ABWAWAFGAFAGOAOAIAAIALAAXALBALANDADAREAEARGARARMAMASMASATAAQATFTFATGAGAUSAUAUTATAZEAZ",
    "BDIBIBELBEBENBJBESBQBFABFBGDBDBGRBGBHRBHBHSBSBIHBABLMBLBLRBYBLZBZBMUBMBOLBOBRABRBRBBB",
    "BRNBNBTNBTBVTBVBWABWCAFCFCANCACCKCCCHECHCHLCLCHNCNCIVCICMRCMCODCDCOGCGCOKCKCOLCOCOMKM",
    "CPVCVCRICRCUBCUCUWCWCXRCXCYMKYCYPCYCZECZDEUDEDJIDJDMADMDNKDKDOMDODZADZECUECEGYEGERIER",
    "ESHEHESPESESTEEETHETFINFIFJIFJFLKFKFRAFRFROFOFSMFMGABGAGBRGBGEOGEGGYGGGHAGHGIBGIGINGN",
    "GLPGPGMBGMGNBGWGNQGQGRCGRGRDGDGRLGLGTMGTGUFGFGUMGUGUYGYHKGHKHMDHMHNDHNHRVHRHTIHTHUNHU",
    "IDNIDIMNIMINDINIOTIOIRLIEIRNIRIRQIQISLISISRILITAITJAMJMJEYJEJORJOJPNJPKAZKZKENKEKGZKG",
    "KHMKHKIRKIKNAKNKORKRKWTKWLAOLALBNLBLBRLRLBYLYLCALCLIELILKALKLSOLSLTULTLUXLULVALVMACMO",
    "MAFMFMARMAMCOMCMDAMDMDGMGMDVMVMEXMXMHLMHMKDMKMLIMLMLTMTMMRMMMNEMEMNGMNMNPMPMOZMZMRTMR",
    "MSRMSMTQMQMUSMUMWIMWMYSMYMYTYTNAMNANCLNCNERNENFKNFNGANGNICNINIUNUNLDNLNORNONPLNPNRUNR",
    "NZLNZOMNOMPAKPKPANPAPCNPNPERPEPHLPHPLWPWPNGPGPOLPLPRIPRPRKKPPRTPTPRYPYPSEPSPYFPFQATQA",
    "REUREROURORUSRURWARWSAUSASDNSDSENSNSGPSGSGSGSSHNSHSJMSJSLBSBSLESLSLVSVSMRSMSOMSOSPMPM",
    "SRBRSSSDSSSTPSTSURSRSVKSKSVNSISWESESWZSZSXMSXSYCSCSYRSYTCATCTCDTDTGOTGTHATHTJKTJTKLTK",
    "TKMTMTLSTLTONTOTTOTTTUNTNTURTRTUVTVTWNTWTZATZUGAUGUKRUAUMIUMURYUYUSAUSUZBUZVATVAVCTVC",
    "VENVEVGBVGVIRVIVNMVNVUTVUWLFWFWSMWSYEMYEZAFZAZMBZMZWEZW",
];

parsed_text!(Country);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::parsed::round_trip;

    #[test]
    fn two_letters_upper_cased() {
        for (raw, code) in [("BR", "BR"), ("pt", "PT"), (" gb ", "GB"), ("Xk", "XK")] {
            let country = Country::parse(raw).unwrap();
            assert_eq!(country.as_str(), code);
            assert_eq!(round_trip(&country), (format!("\"{code}\""), country));
        }
        for bad in ["", "B", "BRA", "B1", "É1", "--", "ÉE"] {
            assert!(Country::parse(bad).is_err(), "{bad:?}");
        }
        assert!(serde_json::from_str::<Country>("\"BRA\"").is_err());
    }

    #[test]
    fn alpha3_codes_read_as_alpha2() {
        for (raw, code) in [
            ("BRA", "BR"),
            ("gbr", "GB"),
            (" USA ", "US"),
            ("ZWE", "ZW"),
            ("ABW", "AW"),
            ("de", "DE"),
        ] {
            assert_eq!(Country::parse_alpha2_or_3(raw).unwrap().as_str(), code);
        }
        for bad in ["XXX", "BR1", "", "BRAZ", "UK1"] {
            assert!(Country::parse_alpha2_or_3(bad).is_err(), "{bad:?}");
        }
        assert_eq!(ALPHA3.iter().map(|l| l.len() / 5).sum::<usize>(), 249);
    }
}
